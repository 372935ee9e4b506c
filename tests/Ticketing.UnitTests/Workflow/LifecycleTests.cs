using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Workflow.Data;
using Ticketing.Workflow.Events;
using Ticketing.Workflow.Lifecycle;

namespace Ticketing.UnitTests.Workflow;

public sealed class LifecycleTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T01:00:00Z");

    [Theory]
    [InlineData(TicketState.Received, LifecycleTrigger.Accept, TicketState.Accepted)]
    [InlineData(TicketState.Received, LifecycleTrigger.Reject, TicketState.Rejected)]
    [InlineData(TicketState.Accepted, LifecycleTrigger.Assign, TicketState.Assigned)]
    [InlineData(TicketState.Assigned, LifecycleTrigger.SignFor, TicketState.InProgress)]
    [InlineData(TicketState.InProgress, LifecycleTrigger.Complete, TicketState.AwaitingCallback)]
    [InlineData(TicketState.AwaitingCallback, LifecycleTrigger.ConfirmSatisfied, TicketState.Closed)]
    [InlineData(TicketState.AwaitingCallback, LifecycleTrigger.Reopen, TicketState.InProgress)]
    public void The_main_line_moves_as_designed(TicketState from, LifecycleTrigger trigger, TicketState to)
    {
        var state = from;
        var lifecycle = new TicketLifecycle(() => state, s => state = s);
        lifecycle.Fire(trigger);
        Assert.Equal(to, state);
    }

    [Theory]
    [InlineData(TicketState.Received, LifecycleTrigger.SignFor)]
    [InlineData(TicketState.Rejected, LifecycleTrigger.Accept)]
    [InlineData(TicketState.Closed, LifecycleTrigger.Reopen)]
    [InlineData(TicketState.Assigned, LifecycleTrigger.Complete)]
    public void Steps_out_of_order_are_refused(TicketState from, LifecycleTrigger trigger)
    {
        var state = from;
        Assert.False(new TicketLifecycle(() => state, s => state = s).CanFire(trigger));
    }

    [Fact]
    public void Every_step_goes_on_the_timeline_with_who_and_why()
    {
        var instance = WorkflowInstance.Start(Received(), Now);
        var accepted = instance.Fire(LifecycleTrigger.Accept, "agent-1", null, Now);
        var rejected = Assert.Throws<DomainRuleException>(() => instance.Fire(LifecycleTrigger.Reject, "agent-2", "late", Now));

        Assert.Equal((TicketState.Received, TicketState.Accepted, 1), (accepted.From, accepted.To, accepted.Sequence));
        Assert.Contains("Accepted", rejected.Message);
        Assert.Equal([1, 2], instance.Timeline.Select(e => e.Position));
        Assert.Equal("agent-1", instance.Timeline[1].Actor);
    }

    [Fact]
    public void The_lifecycle_picture_is_drawn_from_the_engine()
    {
        var graph = TicketLifecycle.ToDotGraph();
        foreach (var state in new[] { "Received", "Accepted", "Assigned", "InProgress", "AwaitingCallback", "Closed", "Rejected" })
            Assert.Contains(state, graph);
        Assert.Contains("Reopen", graph);
    }

    [Fact]
    public async Task An_accepted_ticket_asks_dispatch_and_tells_everyone_its_new_state()
    {
        using var database = new TestDatabase<WorkflowSqliteDbContext>();
        var received = Received();
        await Handle(database, db => new TicketReceivedHandler(db).HandleAsync(received, default));

        var outcome = await Handle(database, db => new TicketAcceptedHandler(db).HandleAsync(
            new TicketAccepted(received.TicketId, received.Number, Category.Report, Urgency.Urgent, "XC", "agent-1") { OccurredAt = Now }, default));

        Assert.Equal(EventOutcome.Handled, outcome);
        Assert.Equal(["ticket.state-changed", "dispatch.requested"], database.PublishedEvents().Select(e => e.Topic));
        await using var check = database.NewContext();
        Assert.Equal(TicketState.Accepted, (await check.Instances.FindAsync(received.TicketId))!.State);
    }

    [Fact]
    public async Task A_step_for_a_ticket_not_known_yet_waits_for_it_however_long_that_takes()
    {
        using var database = new TestDatabase<WorkflowSqliteDbContext>();
        var signed = new AssignmentSigned(Guid.NewGuid(), Guid.NewGuid(), "SFS-DC", "clerk") { OccurredAt = database.Clock.GetUtcNow() };
        Assert.Equal(EventOutcomeKind.WaitForEarlierStep, (await Handle(database, db => new AssignmentSignedHandler(db).HandleAsync(signed, default))).Kind);
        database.Clock.Advance(TimeSpan.FromDays(3)); // no give-up: a fact another service committed is never dropped
        Assert.Equal(EventOutcomeKind.WaitForEarlierStep, (await Handle(database, db => new AssignmentSignedHandler(db).HandleAsync(signed, default))).Kind);
    }

    [Fact]
    public async Task A_step_that_does_not_fit_yet_waits_and_changes_nothing()
    {
        using var database = new TestDatabase<WorkflowSqliteDbContext>();
        var received = Received();
        await Handle(database, db => new TicketReceivedHandler(db).HandleAsync(received, default));
        var completed = new HandlingCompleted(received.TicketId, "SFS-DC", "done", "clerk") { OccurredAt = database.Clock.GetUtcNow() };

        var outcome = await Handle(database, db => new HandlingCompletedHandler(db).HandleAsync(completed, default));

        Assert.Equal(EventOutcomeKind.WaitForEarlierStep, outcome.Kind);
        Assert.Contains("Received", outcome.Reason);
        await using var check = database.NewContext();
        Assert.Equal(["Received"], check.Timeline.Where(e => e.TicketId == received.TicketId).Select(e => e.Kind));
        Assert.Equal(TicketState.Received, (await check.Instances.FindAsync(received.TicketId))!.State);
    }

    private static TicketReceived Received() =>
        new(Guid.NewGuid(), "GD20261123-000001", Channel.Phone, Category.Complaint, Urgency.Normal, "DC", "路灯不亮", "agent-1") { OccurredAt = Now };

    private static async Task<EventOutcome> Handle(TestDatabase<WorkflowSqliteDbContext> database, Func<WorkflowDbContext, Task<EventOutcome>> handle)
    {
        await using var db = database.NewContext();
        var outcome = await handle(db);
        if (outcome == EventOutcome.Handled) await db.SaveChangesAsync();
        return outcome;
    }
}
