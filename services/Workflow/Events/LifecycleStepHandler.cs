using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Workflow.Data;
using Ticketing.Workflow.Lifecycle;

namespace Ticketing.Workflow.Events;

/// <summary>
/// An event from another service that moves a ticket along the lifecycle. Events from different publishers
/// can overtake each other (a completion may arrive before the sign-for it follows), so a step that does not
/// fit the current state is retried for a while; after that it is put on the timeline and dropped.
/// </summary>
public abstract class LifecycleStepHandler<TEvent>(WorkflowDbContext db) : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
{
    private static readonly TimeSpan WaitForEarlierEvents = TimeSpan.FromMinutes(10);

    protected WorkflowDbContext Db => db;

    protected abstract Guid TicketIdOf(TEvent integrationEvent);

    protected abstract LifecycleTrigger TriggerFor(TEvent integrationEvent);

    protected virtual string ActorOf(TEvent integrationEvent) => "system";

    protected virtual string? NoteOf(TEvent integrationEvent) => null;

    /// <summary>What else follows from the step: requests to other services, bookkeeping.</summary>
    protected virtual void AfterStep(WorkflowInstance instance, TEvent integrationEvent) { }

    public async Task<EventOutcome> HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        var now = db.Clock.GetUtcNow();
        var instance = await db.Instances.FindAsync([TicketIdOf(integrationEvent)], cancellationToken);
        if (instance is null)
            return now - integrationEvent.OccurredAt < WaitForEarlierEvents ? EventOutcome.Retry : EventOutcome.Drop;

        var trigger = TriggerFor(integrationEvent);
        if (!instance.CanFire(trigger))
        {
            if (now - integrationEvent.OccurredAt < WaitForEarlierEvents) return EventOutcome.Retry;
            instance.Note("EventIgnored", "workflow",
                $"{Topic.Of<TEvent>().Name} asked for '{trigger}' while the ticket was {instance.State}; not applied.", now);
            return EventOutcome.Handled;
        }

        db.Publish(instance.Fire(trigger, ActorOf(integrationEvent), NoteOf(integrationEvent), now));
        AfterStep(instance, integrationEvent);
        return EventOutcome.Handled;
    }
}
