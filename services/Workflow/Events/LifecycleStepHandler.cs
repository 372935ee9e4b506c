using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Workflow.Data;
using Ticketing.Workflow.Lifecycle;

namespace Ticketing.Workflow.Events;

/// <summary>
/// An event from another service that moves a ticket along the lifecycle. Events from different publishers
/// can overtake each other (a completion may arrive before the sign-for it follows), so a step that does not
/// fit the current state waits in the inbox for that ticket's earlier step, however long that takes.
/// </summary>
public abstract class LifecycleStepHandler<TEvent>(WorkflowDbContext db) : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
{
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
        if (instance is null) return EventOutcome.WaitForEarlierStep("The ticket's lifecycle has not started here yet.");

        var trigger = TriggerFor(integrationEvent);
        if (!instance.CanFire(trigger))
            return EventOutcome.WaitForEarlierStep($"'{trigger}' does not fit while the ticket is {instance.State}.");

        db.Publish(instance.Fire(trigger, ActorOf(integrationEvent), NoteOf(integrationEvent), now));
        AfterStep(instance, integrationEvent);
        return EventOutcome.Handled;
    }
}
