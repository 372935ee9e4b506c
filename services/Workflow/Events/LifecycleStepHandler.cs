using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Workflow.Instances;

namespace Ticketing.Workflow.Events;

/// <summary>
/// A stage service reports a step it took on one of its work items. The workflow decides whether it happens:
/// a step on an item the workflow has not opened yet waits for it; a step on an item already closed (the
/// ticket moved elsewhere meanwhile) is answered by marking that item superseded, so nobody's act is lost
/// silently.
/// </summary>
public abstract class LifecycleStepHandler<TEvent>(LifecycleSteps steps) : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent, ITicketEvent
{
    protected abstract LifecycleStep StepOf(TEvent integrationEvent);

    /// <summary>The open work item the step must have been taken on.</summary>
    protected abstract (Guid Id, WorkItemKind Kind) WorkItemOf(TEvent integrationEvent);

    /// <summary>The stage service's own item that does not take effect when the step cannot apply.</summary>
    protected virtual (Guid Id, WorkItemKind Kind, string? OfficeCode) SupersededItemOf(TEvent integrationEvent)
    {
        var (id, kind) = WorkItemOf(integrationEvent);
        return (id, kind, null);
    }

    public async Task<EventOutcome> HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        var instance = await steps.FindAsync(integrationEvent.TicketId, cancellationToken);
        if (instance is null) return EventOutcome.WaitForEarlierStep("The ticket's lifecycle has not started here yet.");

        var step = StepOf(integrationEvent) with { SourceId = integrationEvent.Id };
        var (itemId, kind) = WorkItemOf(integrationEvent);
        var item = instance.WorkItem(itemId);
        if (item is null) return EventOutcome.WaitForEarlierStep($"The workflow has not opened {kind} {itemId} yet.");

        // Its own step already moved the ticket on: this is the same step reported again.
        if (item.Status == WorkItemStatus.Done) return EventOutcome.Handled;
        if (!item.IsOpen)
        {
            var (supersededId, supersededKind, office) = SupersededItemOf(integrationEvent);
            steps.Supersede(instance, supersededId, supersededKind, office, step,
                $"It did not take effect: the ticket is {instance.State} and {kind} {itemId} was {item.Status.ToString().ToLowerInvariant()}. {item.ClosedReason}".Trim());
            return EventOutcome.Handled;
        }

        var decision = steps.Apply(instance, step);
        return decision.Permitted
            ? EventOutcome.Handled
            // The item is open, so its service broke a rule it should have checked (e.g. no reason): operators see it as a dead letter.
            : EventOutcome.Drop($"'{step.Trigger}' on open {kind} {itemId} was refused: {decision.Refusal}");
    }
}
