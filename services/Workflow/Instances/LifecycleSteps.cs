using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Workflow.Data;
using Ticketing.Workflow.Lifecycle;

namespace Ticketing.Workflow.Instances;

/// <summary>
/// Where steps are carried out, whoever pulls them (a stage service's event, a person through the API, a
/// timer): loads the instance, lets its definition decide, and publishes what happened.
/// </summary>
public sealed class LifecycleSteps(WorkflowDbContext db, DefinitionCatalogue definitions, ILifecycleEngine engine)
{
    public WorkflowDbContext Db => db;

    public Task<WorkflowInstance?> FindAsync(Guid ticketId, CancellationToken cancellationToken) =>
        db.Instances
            .Include(i => i.WorkItems)
            .Include(i => i.Timers.Where(t => t.FiredAt == null && t.CancelledAt == null))
            .AsSplitQuery()
            .FirstOrDefaultAsync(i => i.TicketId == ticketId, cancellationToken);

    public LifecycleDefinition DefinitionOf(WorkflowInstance instance) => definitions.Get(instance.DefinitionName, instance.DefinitionVersion);

    public LifecycleDefinition DefinitionFor(Category category) => definitions.For(category);

    public LifecycleDecision Apply(WorkflowInstance instance, LifecycleStep step)
    {
        var decision = instance.Apply(DefinitionOf(instance), engine, step, db.Clock.GetUtcNow());
        PublishRaisedEvents(instance);
        return decision;
    }

    /// <summary>Like <see cref="Apply"/>, for a person's command: a refusal is a 409/422 problem naming what is possible.</summary>
    public void ApplyCommand(WorkflowInstance instance, LifecycleStep step)
    {
        var decision = Apply(instance, step);
        if (decision.Permitted) return;
        throw new DomainRuleException(decision.RefusalStatus == StatusCodes.Status422UnprocessableEntity ? "Step needs more" : "Step not permitted",
            $"Ticket {instance.Number} is {instance.State}. {decision.Refusal}", decision.RefusalStatus)
        {
            Extensions =
            {
                ["state"] = instance.State.ToString(),
                ["trigger"] = step.Trigger,
                ["permittedTriggers"] = PermittedTriggers(instance, step.By.Role),
            },
        };
    }

    public void Supersede(WorkflowInstance instance, Guid workItemId, WorkItemKind kind, string? officeCode, LifecycleStep step, string reason)
    {
        instance.Supersede(workItemId, kind, officeCode, step, reason, db.Clock.GetUtcNow());
        PublishRaisedEvents(instance);
    }

    public void Start(TicketReceived received, Guid sourceId)
    {
        var instance = WorkflowInstance.Start(received, definitions.For(received.Category), sourceId, db.Clock.GetUtcNow());
        db.Instances.Add(instance);
        PublishRaisedEvents(instance);
    }

    /// <summary>The commands a caller in this role could pull now (stage services' steps come as their events).</summary>
    public IReadOnlyList<string> PermittedTriggers(WorkflowInstance instance, string role)
    {
        var definition = DefinitionOf(instance);
        var facts = instance.FactsFor(new LifecycleStep("", new StepActor("", role))) with { Listing = true };
        return engine.PermittedTriggers(definition, instance.State.ToString(), facts)
            .Where(trigger => definition.Trigger(trigger) is { IsCommand: true } command && command.AllowsRole(role))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// A registration or dispatch request done by its own step is known to its service, and no other service
    /// keeps anything on it: announcing it would cost every subscriber a delivery on the busiest path for nothing.
    /// </summary>
    private static bool IsNewsToAnyone(WorkItem item) =>
        item.Outcome != WorkItemOutcome.Done || item.Kind is not (WorkItemKind.Registration or WorkItemKind.Dispatch);

    /// <summary>The one place where what happened to an instance becomes integration events.</summary>
    private void PublishRaisedEvents(WorkflowInstance instance)
    {
        foreach (var raised in instance.RaisedEvents)
        {
            IntegrationEvent? integrationEvent = raised switch
            {
                StateChanged changed => new TicketStateChanged(instance.TicketId, changed.From, changed.To, changed.Trigger, changed.Sequence),
                WorkItemStarted { Item: { Kind: WorkItemKind.Dispatch } item } => new DispatchRequested(instance.TicketId, item.Id,
                    instance.Number, instance.Category, instance.Urgency, instance.RegionCode, item.OfficeCode, item.ByHand, item.Note,
                    instance.SubCategory),
                WorkItemStarted { Item: { Kind: WorkItemKind.HandlingCase } item } => new HandlingRequested(instance.TicketId, item.Id,
                    instance.Number, instance.AssignmentId ?? Guid.Empty, item.OfficeCode ?? "", instance.Urgency, instance.Reopens, item.Note),
                WorkItemStarted { Item: { Kind: WorkItemKind.CallbackTask } item } => new CallbackRequested(instance.TicketId, item.Id,
                    instance.Number, item.OfficeCode, instance.ReplyToCustomer ?? "", item.DueAt!.Value),
                WorkItemStarted => null, // registration, assignment: their services already hold them; review, decision: kept here
                WorkItemEnded { Item: var item } when IsNewsToAnyone(item) =>
                    new WorkItemClosed(instance.TicketId, item.Id, item.Kind, item.Outcome, item.ClosedReason ?? ""),
                WorkItemEnded => null,
                UrgencyRaised raisedUrgency => new TicketEscalated(instance.TicketId, instance.Number, raisedUrgency.From, raisedUrgency.To,
                    raisedUrgency.Reason, raisedUrgency.By),
                _ => throw new InvalidOperationException($"{raised.GetType().Name} has no integration event."),
            };
            if (integrationEvent is not null) db.Publish(integrationEvent);
        }
        instance.ForgetRaisedEvents();
    }
}
