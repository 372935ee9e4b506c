using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Events;
using Ticketing.Dispatch.Offices;

namespace Ticketing.UnitTests.Dispatch;

/// <summary>
/// The deadline an assignment shows in the office's inbox, from supervision's sla.deadline-changed: announcements of two
/// clocks (sign-for, then handling) and of one clock's changes arrive in any order and more than once.
/// </summary>
public sealed class AssignmentDeadlineTests
{
    private static readonly DateTimeOffset Monday = DateTimeOffset.Parse("2026-11-23T01:00:00Z");

    private static Assignment AtDongcheng() => Assignment.Create(Guid.NewGuid(), Guid.NewGuid(), "GD20261123-000001", Category.Complaint,
        Urgency.Normal, "DC", "SFS-DC", "jurisdiction over region DC", Monday);

    private static DeadlineAnnouncement Announced(Guid clock, string kind, DateTimeOffset startedAt, int sequence, DateTimeOffset? deadline,
        bool paused = false) => new(clock, kind, startedAt, sequence, deadline, paused);

    [Fact]
    public void A_later_announcement_of_the_clock_shown_wins_and_an_earlier_or_repeated_one_changes_nothing()
    {
        var assignment = AtDongcheng();
        var signFor = assignment.Id;
        Assert.True(assignment.TakeDeadline(Announced(signFor, "sign-for", Monday, 2, Monday.AddHours(30)))); // the extension first
        Assert.False(assignment.TakeDeadline(Announced(signFor, "sign-for", Monday, 1, Monday.AddHours(9)))); // then the start
        Assert.False(assignment.TakeDeadline(Announced(signFor, "sign-for", Monday, 2, Monday.AddHours(30)))); // redelivered
        Assert.Equal((Monday.AddHours(30), "sign-for", 2), (assignment.DueAt, assignment.DueKind, assignment.DueSequence));

        Assert.True(assignment.TakeDeadline(Announced(signFor, "sign-for", Monday, 3, null))); // stopped: nothing due any more
        Assert.Null(assignment.DueAt);
    }

    [Fact]
    public void The_handling_clock_follows_the_sign_for_clock_and_a_reopens_the_first_whatever_order_they_arrive_in()
    {
        var assignment = AtDongcheng();
        var (signFor, handling, reopen) = (assignment.Id, Guid.NewGuid(), Guid.NewGuid());
        var signedAt = Monday.AddHours(1);

        // The handling clock's start overtakes the sign-for clock's stop and even its start.
        Assert.True(assignment.TakeDeadline(Announced(handling, "handling", signedAt, 1, Monday.AddDays(5))));
        Assert.False(assignment.TakeDeadline(Announced(signFor, "sign-for", Monday, 2, null)));
        Assert.False(assignment.TakeDeadline(Announced(signFor, "sign-for", Monday, 1, Monday.AddHours(9))));
        Assert.Equal((Monday.AddDays(5), "handling"), (assignment.DueAt, assignment.DueKind));

        // Waiting on the customer: no deadline runs, and the inbox says why.
        Assert.True(assignment.TakeDeadline(Announced(handling, "handling", signedAt, 2, null, paused: true)));
        Assert.Equal(((DateTimeOffset?)null, true), (assignment.DueAt, assignment.DuePaused));

        // A reopen's clock started later: it replaces the first, whose late stop then changes nothing.
        Assert.True(assignment.TakeDeadline(Announced(reopen, "handling", Monday.AddDays(7), 1, Monday.AddDays(12))));
        Assert.False(assignment.TakeDeadline(Announced(handling, "handling", signedAt, 3, null)));
        Assert.Equal((Monday.AddDays(12), false, reopen), (assignment.DueAt, assignment.DuePaused, assignment.DueClockId));
    }

    [Fact]
    public async Task The_handler_keeps_the_latest_waits_for_an_assignment_not_here_yet_and_passes_callback_clocks_by()
    {
        using var database = new TestDatabase<DispatchSqliteDbContext>();
        var assignment = AtDongcheng();
        SlaDeadlineChanged Changed(int sequence, DateTimeOffset? deadline) =>
            new(assignment.TicketId, assignment.Id, assignment.Id, "SFS-DC", "sign-for", Monday, deadline, false, deadline is null, sequence);

        async Task<EventOutcome> Deliver(SlaDeadlineChanged changed)
        {
            await using var db = database.NewContext();
            var outcome = await new SlaDeadlineChangedHandler(db).HandleAsync(changed, default);
            await db.SaveChangesAsync();
            return outcome;
        }

        Assert.Equal(EventOutcomeKind.WaitForEarlierStep, (await Deliver(Changed(1, Monday.AddHours(9)))).Kind);
        await using (var db = database.NewContext())
        {
            db.Assignments.Add(assignment);
            await db.SaveChangesAsync();
        }
        Assert.Equal(EventOutcome.Handled, await Deliver(Changed(2, Monday.AddHours(20))));
        Assert.Equal(EventOutcome.Handled, await Deliver(Changed(1, Monday.AddHours(9)))); // late: changes nothing
        Assert.Equal(EventOutcome.Handled, await Deliver(Changed(1, Monday.AddHours(9)) with { AssignmentId = null, Clock = "callback" }));

        await using var check = database.NewContext();
        var stored = await check.Assignments.SingleAsync();
        Assert.Equal((Monday.AddHours(20), 2, 0), (stored.DueAt, stored.DueSequence, stored.Version)); // the office's version untouched
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(null, true)]
    public async Task An_offices_work_due_before_an_instant_or_overdue_is_read_through_the_deadline_index(bool? dueBefore, bool? overdue)
    {
        using var database = new TestDatabase<DispatchSqliteDbContext>();
        await using var db = database.NewContext();
        var query = OfficeInbox.Select(db.Assignments, ["SFS-DC", "SFS-DC-DH"], null, dueBefore is null ? null : Monday.AddDays(1), overdue, Monday,
            OfficeInbox.SoonestDue);
        await using var command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await db.Database.OpenConnectionAsync();
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        Assert.Contains(plan, step => step.Contains("IX_Assignments_OfficeCode_DueAt") && step.Contains("DueAt<"));
    }
}
