using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.FollowUp.Cases;
using Ticketing.FollowUp.Data;
using Ticketing.FollowUp.Events;

namespace Ticketing.UnitTests.FollowUp;

public sealed class HandlingCaseTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T01:00:00Z");

    [Fact]
    public void An_office_completes_its_own_case_at_once_and_only_once()
    {
        var handling = Open(Guid.NewGuid());
        Assert.Equal(403, Assert.Throws<DomainRuleException>(() => handling.Complete("SFS-XC", "done", "clerk", Now)).StatusCode);
        handling.Complete("sfs-dc", "  已处理  ", "clerk", Now); // signed for before the case opened
        Assert.Equal((CaseStatus.Completed, "已处理", "clerk"), (handling.Status, handling.ReplyToCustomer, handling.CompletedBy));
        var again = Assert.Throws<DomainRuleException>(() => handling.Complete("SFS-DC", "again", "clerk", Now));
        Assert.Equal(409, again.StatusCode);
        Assert.Contains("already completed", again.Message);
    }

    [Fact]
    public async Task A_reopen_opens_a_second_case_and_the_ticket_keeps_both()
    {
        using var database = new TestDatabase<FollowUpSqliteDbContext>();
        var ticketId = Guid.NewGuid();
        var (first, reopen) = (Requested(ticketId), Requested(ticketId) with { CaseId = Guid.NewGuid(), Reopens = 1, Reason = "客户不满意：井盖仍未补装" });
        await Handle(database, first);
        await Handle(database, first with { Id = Guid.NewGuid() }); // the same case again: nothing new
        await using (var db = database.NewContext())
        {
            (await db.Cases.SingleAsync()).Complete("SFS-DC", "已补装", "clerk", database.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        await Handle(database, Closed(first.CaseId, WorkItemOutcome.Done, "办结"));
        await Handle(database, reopen);

        await using var check = database.NewContext();
        var cases = await check.Cases.Where(c => c.TicketId == ticketId).OrderBy(c => c.Reopens).ToListAsync();
        Assert.Equal([first.CaseId, reopen.CaseId], cases.Select(c => c.Id));
        Assert.Equal((CaseStatus.Completed, "已补装"), (cases[0].Status, cases[0].ReplyToCustomer));
        Assert.Equal((CaseStatus.InProgress, 1, "客户不满意：井盖仍未补装", Urgency.Urgent),
            (cases[1].Status, cases[1].Reopens, cases[1].OpenReason, cases[1].Urgency));
    }

    [Fact]
    public async Task A_withdrawn_case_refuses_the_result_and_says_why()
    {
        using var database = new TestDatabase<FollowUpSqliteDbContext>();
        var requested = Requested(Guid.NewGuid());
        await Handle(database, requested);
        await Handle(database, Closed(requested.CaseId, WorkItemOutcome.Withdrawn, "督办员提前关闭：重复工单"));

        await using var db = database.NewContext();
        var handling = await db.Cases.SingleAsync();
        Assert.Equal((CaseStatus.Withdrawn, "督办员提前关闭：重复工单", database.Clock.GetUtcNow()),
            (handling.Status, handling.ClosedReason, handling.ClosedAt));
        var refused = Assert.Throws<DomainRuleException>(() => handling.Complete("SFS-DC", "done", "clerk", Now));
        Assert.Equal(409, refused.StatusCode);
        Assert.Contains("withdrawn", refused.Message);
        Assert.Contains("督办员提前关闭：重复工单", refused.Message);
        Assert.Equal("Withdrawn", refused.Extensions["caseStatus"]);
    }

    [Fact]
    public void A_completed_case_is_not_withdrawn_but_can_be_superseded_keeping_its_result()
    {
        var handling = Open(Guid.NewGuid());
        handling.Complete("SFS-DC", "已处理", "clerk", Now);
        handling.Withdraw("工单已合并", Now);
        Assert.Equal(CaseStatus.Completed, handling.Status); // the result stands until the workflow says it did not

        handling.Supersede("工单已被督办员关闭，办结未生效", Now.AddMinutes(1));
        Assert.Equal((CaseStatus.Superseded, "已处理", "工单已被督办员关闭，办结未生效"), (handling.Status, handling.ReplyToCustomer, handling.ClosedReason));
        var refused = Assert.Throws<DomainRuleException>(() => handling.Complete("SFS-DC", "再次办结", "clerk", Now));
        Assert.Equal(409, refused.StatusCode);
        Assert.Contains("did not take effect", refused.Message);
        Assert.Contains("办结未生效", refused.Message);
    }

    [Fact]
    public async Task Done_leaves_the_completed_case_as_it_is()
    {
        using var database = new TestDatabase<FollowUpSqliteDbContext>();
        var requested = Requested(Guid.NewGuid());
        await Handle(database, requested);
        await using (var db = database.NewContext())
        {
            (await db.Cases.SingleAsync()).Complete("SFS-DC", "已处理", "clerk", database.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        await Handle(database, Closed(requested.CaseId, WorkItemOutcome.Done, "办结"));

        await using var check = database.NewContext();
        var handling = await check.Cases.SingleAsync();
        Assert.Equal((CaseStatus.Completed, null, null), (handling.Status, handling.ClosedReason, handling.ClosedAt));
    }

    [Fact]
    public async Task Closing_a_case_not_yet_opened_here_waits_and_other_kinds_are_not_ours()
    {
        using var database = new TestDatabase<FollowUpSqliteDbContext>();
        var caseId = Guid.NewGuid();
        Assert.Equal(EventOutcomeKind.WaitForEarlierStep, (await Handle(database, Closed(caseId, WorkItemOutcome.Withdrawn, "改派"))).Kind);
        Assert.Equal(EventOutcome.Handled, await Handle(database, Closed(caseId, WorkItemOutcome.Withdrawn, "改派") with { Kind = WorkItemKind.Assignment }));
        Assert.Equal(EventOutcome.Handled, await Handle(database, Closed(caseId, WorkItemOutcome.Done, "回访") with { Kind = WorkItemKind.CallbackTask }));
    }

    [Fact]
    public async Task Cases_from_before_the_upgrade_keep_the_ticket_id_as_their_own()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        await using var db = new FollowUpSqliteDbContext(new DbContextOptionsBuilder<FollowUpSqliteDbContext>().UseSqlite(connection).Options,
            new ServiceDbContextDependencies(new FakeTimeProvider(), new WriteGate(serialise: true), new OutboxSignal()));
        var migrator = db.GetService<IMigrator>();
        var before = db.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_WorkItemsByOwnId", StringComparison.Ordinal)).Last();
        await migrator.MigrateAsync(before);
        var (awaiting, completed) = (Guid.NewGuid(), Guid.NewGuid());
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO HandlingCases (TicketId, Number, AssignmentId, OfficeCode, Status, AssignedAt, ReopenCount, Version)
            VALUES ({awaiting}, 'GD20261123-000001', {Guid.NewGuid()}, 'SFS-DC', 'AwaitingSignature', 0, 0, 0),
                   ({completed}, 'GD20261123-000002', {Guid.NewGuid()}, 'SFS-DC', 'Completed', 0, 1, 0)
            """);
        await migrator.MigrateAsync();

        var cases = await db.Cases.AsNoTracking().ToDictionaryAsync(c => c.TicketId);
        Assert.Equal((awaiting, CaseStatus.InProgress, Urgency.Normal), (cases[awaiting].Id, cases[awaiting].Status, cases[awaiting].Urgency));
        Assert.Equal((completed, CaseStatus.Completed, 1), (cases[completed].Id, cases[completed].Status, cases[completed].Reopens));
    }

    private static HandlingCase Open(Guid ticketId) =>
        HandlingCase.Open(Guid.NewGuid(), ticketId, "GD20261123-000001", Guid.NewGuid(), "SFS-DC", Urgency.Normal, 0, null, Now);

    private static HandlingRequested Requested(Guid ticketId) =>
        new(ticketId, Guid.NewGuid(), "GD20261123-000001", Guid.NewGuid(), "SFS-DC", Urgency.Urgent, 0, null);

    private static WorkItemClosed Closed(Guid caseId, WorkItemOutcome outcome, string reason) =>
        new(Guid.NewGuid(), caseId, WorkItemKind.HandlingCase, outcome, reason);

    private static async Task<EventOutcome> Handle(TestDatabase<FollowUpSqliteDbContext> database, IntegrationEvent integrationEvent)
    {
        await using var db = database.NewContext();
        var outcome = integrationEvent switch
        {
            HandlingRequested requested => await new HandlingRequestedHandler(db).HandleAsync(requested, default),
            WorkItemClosed closed => await new WorkItemClosedHandler(db).HandleAsync(closed, default),
            _ => throw new ArgumentException(integrationEvent.GetType().Name),
        };
        await db.SaveChangesAsync();
        return outcome;
    }
}
