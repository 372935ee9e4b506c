using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Workflow.Data;
using Ticketing.Workflow.Events;
using Ticketing.Workflow.Instances;
using Ticketing.Workflow.Lifecycle;

namespace Ticketing.UnitTests.Delivery;

/// <summary>The workflow's inbox with its real handlers and schema: steps that overtake each other wait per ticket.</summary>
public sealed class InboxTests : IDisposable
{
    private readonly TestDatabase<WorkflowSqliteDbContext> _database = new();
    private readonly EventSubscriptions _subscriptions = new();

    public InboxTests()
    {
        _subscriptions.Add(HandlerRegistration.For<TicketReceived, TicketReceivedHandler>("TicketReceivedHandler"));
        _subscriptions.Add(HandlerRegistration.For<TicketAccepted, TicketAcceptedHandler>("TicketAcceptedHandler"));
        _subscriptions.Add(HandlerRegistration.For<TicketAssigned, TicketAssignedHandler>("TicketAssignedHandler"));
        _subscriptions.Add(HandlerRegistration.For<AssignmentSigned, AssignmentSignedHandler>("AssignmentSignedHandler"));
        _subscriptions.Add(HandlerRegistration.For<TicketRejected, FailingAfterItsChange>("failing"));
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Steps_that_arrive_before_the_ones_they_follow_wait_for_their_ticket_and_are_then_applied_in_order()
    {
        var ticket = Guid.NewGuid();
        var other = Guid.NewGuid();
        var accepted = new TicketAccepted(ticket, "GD20261125-000001", Category.Complaint, Urgency.Normal, "DC", "agent-1");
        var signed = new AssignmentSigned(ticket, Guid.NewGuid(), "SFS-DC", "clerk");

        // Acceptance overtakes registration (its first delivery failed); a sign-for names an assignment not opened yet.
        Assert.Equal(SubscriberAnswer.Success, (await ProcessAsync(accepted)).Status);
        Assert.Equal(SubscriberAnswer.Success, (await ProcessAsync(signed)).Status);
        Assert.Equal(SubscriberAnswer.Success, (await ProcessAsync(Received(other, 2))).Status); // another ticket is not held up
        Assert.Equal(2, Count(db => db.ParkedEvents));

        await ProcessAsync(Received(ticket, 1));

        Assert.Equal(1, Count(db => db.ParkedEvents)); // the sign-for still waits for its assignment
        await using var check = _database.NewContext();
        Assert.Equal(TicketState.Accepted, (await check.Instances.FindAsync(ticket))!.State);
        Assert.Equal(["Received", "Accept"], check.Timeline.Where(t => t.TicketId == ticket).OrderBy(t => t.Position).Select(t => t.Kind));
        Assert.Equal(TicketState.Received, (await check.Instances.FindAsync(other))!.State);
    }

    [Fact]
    public async Task A_redelivery_is_acknowledged_without_doing_the_work_twice_also_while_it_waits()
    {
        var ticket = Guid.NewGuid();
        var signed = new AssignmentSigned(ticket, Guid.NewGuid(), "SFS-DC", "clerk");
        await ProcessAsync(signed);
        await ProcessAsync(signed);
        Assert.Equal(1, Count(db => db.ParkedEvents));

        var received = Received(ticket, 1);
        await ProcessAsync(received);
        await ProcessAsync(received);
        Assert.Equal(1, Count(db => db.Instances));
        Assert.Equal(1, Count(db => db.ProcessedEvents.Where(p => p.EventId == received.Id)));
    }

    [Fact]
    public async Task An_event_that_cannot_be_read_or_has_no_handler_is_dropped_with_the_reason()
    {
        var missingTitle = new IncomingEvent("ticket.received", "ticketing.ticket.received.v1",
            $$"""{"id":"{{Guid.NewGuid()}}","ticketId":"{{Guid.NewGuid()}}","number":"GD1","channel":"Phone","category":"Complaint","urgency":"Normal","regionCode":"DC","receivedBy":"a"}""");
        var unknownVersion = new IncomingEvent("ticket.received", "ticketing.ticket.received.v9", JsonSerializer.Serialize(Received(Guid.NewGuid(), 3), EventJson.Options));

        var answers = await Inbox().ProcessAsync([missingTitle, unknownVersion], CancellationToken.None);

        Assert.All(answers, a => Assert.Equal(SubscriberAnswer.Drop, a.Status));
        Assert.Contains("cannot be read", answers[0].Message);
        Assert.Contains("no handler", answers[1].Message);
        Assert.Equal(0, Count(db => db.Instances));
    }

    [Fact]
    public async Task A_handler_that_throws_undoes_only_its_own_event_and_the_rest_of_the_batch_waits()
    {
        var first = Received(Guid.NewGuid(), 1);
        var broken = new IncomingEvent("ticket.accepted", "ticketing.ticket.accepted.v1", "{}"); // unreadable → DROP, not a retry
        var failing = new TicketRejected(Guid.NewGuid(), "GD20261125-000002", "重复", "agent-1");
        var after = Received(Guid.NewGuid(), 3);

        var answers = await Inbox().ProcessAsync([Incoming(first), broken, Incoming(failing), Incoming(after)], CancellationToken.None);

        Assert.Equal([SubscriberAnswer.Success, SubscriberAnswer.Drop, SubscriberAnswer.Retry, SubscriberAnswer.Retry], answers.Select(a => a.Status));
        Assert.Equal(1, Count(db => db.Instances)); // the first is kept; nothing of the failing one
    }

    [Fact]
    public async Task The_cloudevent_type_picks_the_handler_so_a_v2_can_run_beside_v1()
    {
        var subscriptions = new EventSubscriptions();
        subscriptions.Add(HandlerRegistration.For<TicketRejected, FailingAfterItsChange>("rejected-v1"));
        subscriptions.Add(HandlerRegistration.For<TicketRejectedV2, RejectedV2Handler>("rejected-v2"));

        Assert.Equal("rejected-v1", subscriptions.For("ticket.rejected", "ticketing.ticket.rejected.v1")!.Name);
        Assert.Equal("rejected-v2", subscriptions.For("ticket.rejected", "ticketing.ticket.rejected.v2")!.Name);
        Assert.Equal("rejected-v1", subscriptions.For("ticket.rejected", null)!.Name); // a plain POST: the oldest contract
        Assert.Null(subscriptions.For("ticket.rejected", "ticketing.ticket.rejected.v3"));
        Assert.Null(subscriptions.For("ticket.accepted", "ticketing.ticket.rejected.v2"));
        Assert.Throws<InvalidOperationException>(() => subscriptions.Add(HandlerRegistration.For<TicketRejectedV2, RejectedV2Handler>("rejected-v2b")));
    }

    [Topic("ticket.rejected", 2)]
    private sealed record TicketRejectedV2(Guid TicketId, string Number, string ReasonCode, string Reason, string RejectedBy) : IntegrationEvent, ITicketEvent;

    private sealed class RejectedV2Handler : IIntegrationEventHandler<TicketRejectedV2>
    {
        public Task<EventOutcome> HandleAsync(TicketRejectedV2 rejected, CancellationToken cancellationToken) => Task.FromResult(EventOutcome.Handled);
    }

    /// <summary>Changes the database, then fails: the change must not survive.</summary>
    private sealed class FailingAfterItsChange(WorkflowDbContext db) : IIntegrationEventHandler<TicketRejected>
    {
        public async Task<EventOutcome> HandleAsync(TicketRejected rejected, CancellationToken cancellationToken)
        {
            db.Instances.Add(Ticketing.Workflow.Instances.WorkflowInstance.Start(Received(rejected.TicketId, 9),
                Workflow.DefinitionTests.Shipped.For(Category.Complaint), rejected.Id, db.Clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            throw new InvalidOperationException("failed after saving");
        }
    }

    private static TicketReceived Received(Guid ticket, int n) =>
        new(ticket, $"GD20261125-{n:000000}", Channel.Phone, Category.Complaint, Urgency.Normal, "DC", "路灯不亮", "agent-1");

    private static IncomingEvent Incoming(IntegrationEvent e) =>
        new(Topic.Of(e.GetType()).Name, Topic.CloudEventType(e.GetType()), JsonSerializer.Serialize(e, e.GetType(), EventJson.Options));

    private async Task<SubscriberAnswer> ProcessAsync(IntegrationEvent e) => (await Inbox().ProcessAsync([Incoming(e)], CancellationToken.None)).Single();

    private EventInbox Inbox()
    {
        var db = _database.NewContext();
        var services = new ServiceCollection().AddSingleton<WorkflowDbContext>(db).AddSingleton<ServiceDbContext>(db)
            .AddSingleton(Workflow.DefinitionTests.Shipped).AddSingleton<ILifecycleEngine, StatelessLifecycleEngine>().AddScoped<LifecycleSteps>()
            .BuildServiceProvider();
        return new EventInbox(db, new WriteGate(serialise: true), _subscriptions, services, NullLogger<EventInbox>.Instance);
    }

    private int Count<T>(Func<WorkflowDbContext, IQueryable<T>> query)
    {
        using var db = _database.NewContext();
        return query(db).Count();
    }
}
