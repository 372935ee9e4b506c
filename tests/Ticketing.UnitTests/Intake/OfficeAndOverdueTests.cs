using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Intake.Data;
using Ticketing.Intake.Events;
using Ticketing.Intake.Tickets;

namespace Ticketing.UnitTests.Intake;

/// <summary>
/// The office a ticket is assigned to and whether it is overdue now, kept on intake's ticket from dispatch's,
/// supervision's and the workflow's events, which may come late, out of order or twice.
/// </summary>
public sealed class OfficeAndOverdueTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T01:00:00Z");
    private readonly TestDatabase<IntakeSqliteDbContext> _database = new();
    private readonly Ticket _ticket = Received();

    public OfficeAndOverdueTests()
    {
        using var db = _database.NewContext();
        db.Tickets.Add(_ticket);
        db.SaveChanges();
    }

    private static Ticket Received() => Ticket.Register(new RegisterTicket(Channel.Phone, Category.HelpRequest, Urgency.Normal, "路灯不亮",
        "东华路路灯坏了三天", "张三", "13800138000", "DC-DH"), "GD20261123-000001", "agent1", Now);

    [Fact]
    public void A_late_assignment_or_return_does_not_undo_a_newer_one()
    {
        var ticket = Received();
        Guid first = Guid.NewGuid(), second = Guid.NewGuid();
        Assert.True(ticket.AssignTo("sfs-dc-dh", first, Now));
        Assert.Equal("SFS-DC-DH", ticket.OfficeCode);
        Assert.True(ticket.AssignTo("SFS-DC", second, Now.AddMinutes(10)));   // re-dispatched after a return that is still on its way
        Assert.False(ticket.ReturnFromOffice(first, Now.AddMinutes(5)));       // ...and arrives now: older than the assignment it preceded
        Assert.Equal("SFS-DC", ticket.OfficeCode);
        Assert.False(ticket.AssignTo("SFS-DC", second, Now.AddMinutes(10)));  // redelivered
        Assert.True(ticket.ReturnFromOffice(second, Now.AddMinutes(20)));
        Assert.Null(ticket.OfficeCode);
        Assert.False(ticket.AssignTo("SFS-DC-DH", first, Now));                // the first assignment, very late
        Assert.Null(ticket.OfficeCode);

        var tied = Received();
        tied.AssignTo("SFS-XC", first, Now);
        Assert.True(tied.ReturnFromOffice(first, Now));  // at the same instant, a return still follows its own assignment
        Assert.False(tied.AssignTo("SFS-XC", first, Now));
        Assert.Null(tied.OfficeCode);
    }

    [Fact]
    public async Task A_breach_makes_the_ticket_overdue_until_its_work_item_closes_in_whichever_order_the_events_come()
    {
        Guid assignment = Guid.NewGuid(), handling = Guid.NewGuid();
        await DeliverAsync(Breached(assignment));
        Assert.True(await OverdueAsync());
        await DeliverAsync(Breached(assignment)); // twice
        await DeliverAsync(Closed(assignment, WorkItemKind.Assignment)); // signed for, late
        Assert.False(await OverdueAsync());

        await DeliverAsync(Closed(handling, WorkItemKind.HandlingCase)); // completed in time, but supervision breached it before it heard
        await DeliverAsync(Breached(handling));
        Assert.False(await OverdueAsync());

        var reopened = Guid.NewGuid();
        await DeliverAsync(Breached(reopened));
        await DeliverAsync(Closed(Guid.NewGuid(), WorkItemKind.CallbackTask)); // not an office's work: changes nothing
        Assert.True(await OverdueAsync());
        await using var db = _database.NewContext();
        Assert.Equal(3, await db.OfficeWorkItems.CountAsync(w => w.TicketId == _ticket.Id)); // one row per work item, however often heard
    }

    [Fact]
    public async Task A_finished_ticket_is_not_overdue_forgets_its_work_items_and_ignores_a_late_breach()
    {
        var assignment = Guid.NewGuid();
        await DeliverAsync(Breached(assignment));
        Assert.True(await OverdueAsync());

        await DeliverAsync(new TicketStateChanged(_ticket.Id, TicketState.Assigned, TicketState.Closed, "CloseEarly", 4));
        Assert.False(await OverdueAsync());
        await DeliverAsync(Breached(Guid.NewGuid()));
        await DeliverAsync(new TicketStateChanged(_ticket.Id, TicketState.Accepted, TicketState.Assigned, "Assign", 3)); // stale
        Assert.False(await OverdueAsync());
        await using var db = _database.NewContext();
        Assert.Equal(0, await db.OfficeWorkItems.CountAsync());
        Assert.Equal(TicketState.Closed, (await db.Tickets.FindAsync(_ticket.Id))!.Status);
    }

    [Fact]
    public async Task Dispatchs_events_set_the_office_and_a_return_clears_it()
    {
        var assignment = Guid.NewGuid();
        await DeliverAsync(new TicketAssigned(_ticket.Id, _ticket.Number, Guid.NewGuid(), assignment, "SFS-DC-DH", "东华街道",
            Category.HelpRequest, Urgency.Normal, "dispatch") { OccurredAt = Now.AddMinutes(1) });
        Assert.Equal("SFS-DC-DH", await OfficeAsync());
        await DeliverAsync(new AssignmentReturned(_ticket.Id, assignment, "SFS-DC-DH", "不属于本街道", "clerk-dcdh") { OccurredAt = Now.AddMinutes(2) });
        Assert.Null(await OfficeAsync());

        var unknown = await new SlaBreachedHandler(_database.NewContext()).HandleAsync(
            new SlaBreached(Guid.NewGuid(), Guid.NewGuid(), "SFS-DC", "handling", Now), default);
        Assert.Equal(EventOutcomeKind.WaitForEarlierStep, unknown.Kind);
    }

    private SlaBreached Breached(Guid workItem) => new(_ticket.Id, workItem, "SFS-DC-DH", "sign-for", Now) { OccurredAt = Now };

    private WorkItemClosed Closed(Guid workItem, WorkItemKind kind) => new(_ticket.Id, workItem, kind, WorkItemOutcome.Done, "") { OccurredAt = Now };

    private async Task DeliverAsync(IntegrationEvent integrationEvent)
    {
        await using var db = _database.NewContext();
        var outcome = integrationEvent switch
        {
            SlaBreached e => await new SlaBreachedHandler(db).HandleAsync(e, default),
            WorkItemClosed e => await new WorkItemClosedHandler(db).HandleAsync(e, default),
            TicketStateChanged e => await new TicketStateChangedHandler(db).HandleAsync(e, default),
            TicketAssigned e => await new TicketAssignedHandler(db).HandleAsync(e, default),
            AssignmentReturned e => await new AssignmentReturnedHandler(db).HandleAsync(e, default),
            _ => throw new ArgumentException(integrationEvent.GetType().Name),
        };
        Assert.Equal(EventOutcome.Handled, outcome);
        await db.SaveChangesAsync();
    }

    private async Task<bool> OverdueAsync()
    {
        await using var db = _database.NewContext();
        return (await db.Tickets.FindAsync(_ticket.Id))!.Overdue;
    }

    private async Task<string?> OfficeAsync()
    {
        await using var db = _database.NewContext();
        return (await db.Tickets.FindAsync(_ticket.Id))!.OfficeCode;
    }

    public void Dispose() => _database.Dispose();
}
