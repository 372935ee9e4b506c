using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Workflow.Instances;
using static Ticketing.Workflow.Lifecycle.LifecycleTriggers;

namespace Ticketing.Workflow.Events;

public static class LifecycleEventHandlers
{
    /// <summary>Each handler's name keys its processed-event records: keep it when the class is renamed.</summary>
    public static WebApplication MapLifecycleEventHandlers(this WebApplication app)
    {
        app.MapEventHandler<TicketReceived, TicketReceivedHandler>("TicketReceivedHandler");
        app.MapEventHandler<TicketAccepted, TicketAcceptedHandler>("TicketAcceptedHandler");
        app.MapEventHandler<TicketRejected, TicketRejectedHandler>("TicketRejectedHandler");
        app.MapEventHandler<TicketResolvedAtFirstContact, TicketResolvedAtFirstContactHandler>("TicketResolvedAtFirstContactHandler");
        app.MapEventHandler<TicketAssigned, TicketAssignedHandler>("TicketAssignedHandler");
        app.MapEventHandler<AssignmentSigned, AssignmentSignedHandler>("AssignmentSignedHandler");
        app.MapEventHandler<AssignmentReturned, AssignmentReturnedHandler>("AssignmentReturnedHandler");
        app.MapEventHandler<HandlingCompleted, HandlingCompletedHandler>("HandlingCompletedHandler");
        app.MapEventHandler<CallbackCompleted, CallbackCompletedHandler>("CallbackCompletedHandler");
        app.MapEventHandler<CallbackFailed, CallbackFailedHandler>("CallbackFailedHandler");
        app.MapEventHandler<SlaBreached, SlaBreachedHandler>("SlaBreachedHandler");
        app.MapEventHandler<SurveyCompleted, SurveyCompletedHandler>("SurveyCompletedHandler");
        app.MapEventHandler<CoHandlingUpdated, CoHandlingUpdatedHandler>("CoHandlingUpdatedHandler");
        app.MapEventHandler<HandlingWaitingChanged, HandlingWaitingChangedHandler>("HandlingWaitingChangedHandler");
        app.MapEventHandler<SlaWarning, SlaWarningHandler>("SlaWarningHandler");
        app.MapEventHandler<SlaBreachWithdrawn, SlaBreachWithdrawnHandler>("SlaBreachWithdrawnHandler");
        app.MapEventHandler<SupervisionNoticeIssued, SupervisionNoticeIssuedHandler>("SupervisionNoticeIssuedHandler");
        app.MapEventHandler<SupervisionNoticeAcknowledged, SupervisionNoticeAcknowledgedHandler>("SupervisionNoticeAcknowledgedHandler");
        app.MapEventHandler<SupervisionReminderSent, SupervisionReminderSentHandler>("SupervisionReminderSentHandler");
        app.MapEventHandler<SlaExtensionRequested, SlaExtensionRequestedHandler>("SlaExtensionRequestedHandler");
        app.MapEventHandler<SlaExtensionDecided, SlaExtensionDecidedHandler>("SlaExtensionDecidedHandler");
        return app;
    }
}

/// <summary>A registered ticket starts its lifecycle on the newest definition for its type.</summary>
public sealed class TicketReceivedHandler(LifecycleSteps steps) : IIntegrationEventHandler<TicketReceived>
{
    public async Task<EventOutcome> HandleAsync(TicketReceived received, CancellationToken cancellationToken)
    {
        if (await steps.Db.Instances.FindAsync([received.TicketId], cancellationToken) is null) steps.Start(received, received.Id);
        return EventOutcome.Handled;
    }
}

/// <summary>受理: intake's decision on the registration.</summary>
public sealed class TicketAcceptedHandler(LifecycleSteps steps) : LifecycleStepHandler<TicketAccepted>(steps)
{
    protected override LifecycleStep StepOf(TicketAccepted e) => new(Accept, new StepActor(e.AcceptedBy, Roles.Agent)) { WorkItemId = e.TicketId };
    protected override (Guid, WorkItemKind) WorkItemOf(TicketAccepted e) => (e.TicketId, WorkItemKind.Registration);
}

public sealed class TicketRejectedHandler(LifecycleSteps steps) : LifecycleStepHandler<TicketRejected>(steps)
{
    protected override LifecycleStep StepOf(TicketRejected e) =>
        new(Reject, new StepActor(e.RejectedBy, Roles.Agent)) { WorkItemId = e.TicketId, Reason = e.Reason };
    protected override (Guid, WorkItemKind) WorkItemOf(TicketRejected e) => (e.TicketId, WorkItemKind.Registration);
}

/// <summary>直接答复办结: closed, or called back if the ticket falls in the definition's sample.</summary>
public sealed class TicketResolvedAtFirstContactHandler(LifecycleSteps steps) : LifecycleStepHandler<TicketResolvedAtFirstContact>(steps)
{
    protected override LifecycleStep StepOf(TicketResolvedAtFirstContact e) =>
        new(ResolveAtFirstContact, new StepActor(e.ResolvedBy, Roles.Agent)) { WorkItemId = e.TicketId, Note = e.Answer };
    protected override (Guid, WorkItemKind) WorkItemOf(TicketResolvedAtFirstContact e) => (e.TicketId, WorkItemKind.Registration);
}

/// <summary>交办: dispatch answered the workflow's dispatch request with an assignment.</summary>
public sealed class TicketAssignedHandler(LifecycleSteps steps) : LifecycleStepHandler<TicketAssigned>(steps)
{
    protected override LifecycleStep StepOf(TicketAssigned e) => new(Assign, new StepActor(e.AssignedBy, Roles.Dispatcher))
    {
        WorkItemId = e.DispatchId, AssignmentId = e.AssignmentId, OfficeCode = e.OfficeCode,
        Note = $"Assigned to {e.OfficeName} ({e.OfficeCode})" + (e.CoHandlingOffices is { Count: > 0 } co ? $", co-handled by {string.Join(", ", co)}" : ""),
    };
    protected override (Guid, WorkItemKind) WorkItemOf(TicketAssigned e) => (e.DispatchId, WorkItemKind.Dispatch);
    protected override (Guid, WorkItemKind, string?) SupersededItemOf(TicketAssigned e) => (e.AssignmentId, WorkItemKind.Assignment, e.OfficeCode);
}

public sealed class AssignmentSignedHandler(LifecycleSteps steps) : LifecycleStepHandler<AssignmentSigned>(steps)
{
    protected override LifecycleStep StepOf(AssignmentSigned e) =>
        new(SignFor, new StepActor(e.SignedBy, Roles.Office, e.OfficeCode)) { WorkItemId = e.AssignmentId, Note = $"Signed for by {e.OfficeCode}" };
    protected override (Guid, WorkItemKind) WorkItemOf(AssignmentSigned e) => (e.AssignmentId, WorkItemKind.Assignment);
}

/// <summary>退回: back to the dispatchers' queue, or to a supervisor once the returns reach their limit.</summary>
public sealed class AssignmentReturnedHandler(LifecycleSteps steps) : LifecycleStepHandler<AssignmentReturned>(steps)
{
    protected override LifecycleStep StepOf(AssignmentReturned e) =>
        new(Return, new StepActor(e.ReturnedBy, Roles.Office, e.OfficeCode))
        {
            WorkItemId = e.AssignmentId, Reason = e.ReasonCode is { } code ? $"{code}: {e.Reason}" : e.Reason,
        };
    protected override (Guid, WorkItemKind) WorkItemOf(AssignmentReturned e) => (e.AssignmentId, WorkItemKind.Assignment);
}

/// <summary>办结: to review or to the callback, as the ticket's definition says.</summary>
public sealed class HandlingCompletedHandler(LifecycleSteps steps) : LifecycleStepHandler<HandlingCompleted>(steps)
{
    protected override LifecycleStep StepOf(HandlingCompleted e) =>
        new(Complete, new StepActor(e.CompletedBy, Roles.Office, e.OfficeCode)) { WorkItemId = e.CaseId, Note = e.ReplyToCustomer };
    protected override (Guid, WorkItemKind) WorkItemOf(HandlingCompleted e) => (e.CaseId, WorkItemKind.HandlingCase);
}

/// <summary>回访: satisfied → closed; unsatisfied → 重办 at the same office, or a supervisor after the reopen limit.</summary>
public sealed class CallbackCompletedHandler(LifecycleSteps steps) : LifecycleStepHandler<CallbackCompleted>(steps)
{
    protected override LifecycleStep StepOf(CallbackCompleted e) =>
        new(e.Satisfaction == Satisfaction.Unsatisfied ? Reopen : ConfirmSatisfied, new StepActor(e.AgentId, Roles.Agent))
        {
            WorkItemId = e.CallbackTaskId,
            Note = $"Customer: {e.Satisfaction}{(string.IsNullOrWhiteSpace(e.Comment) ? "" : $" ({e.Comment})")}",
            Reason = e.Satisfaction == Satisfaction.Unsatisfied ? $"Customer unsatisfied: {e.Comment}".TrimEnd(' ', ':') : null,
        };
    protected override (Guid, WorkItemKind) WorkItemOf(CallbackCompleted e) => (e.CallbackTaskId, WorkItemKind.CallbackTask);
}

/// <summary>The customer could not be reached; after the definition's number of attempts the ticket closes as unreachable.</summary>
public sealed class CallbackFailedHandler(LifecycleSteps steps) : LifecycleStepHandler<CallbackFailed>(steps)
{
    protected override LifecycleStep StepOf(CallbackFailed e) => new(CustomerUnreachable, new StepActor(e.AgentId, Roles.Agent))
    {
        WorkItemId = e.CallbackTaskId, Attempt = e.Attempt, Note = $"Attempt {e.Attempt}: {e.Note}",
    };
    protected override (Guid, WorkItemKind) WorkItemOf(CallbackFailed e) => (e.CallbackTaskId, WorkItemKind.CallbackTask);
}

/// <summary>A breach changes no state; it goes on the timeline.</summary>
public sealed class SlaBreachedHandler(LifecycleSteps steps) : IIntegrationEventHandler<SlaBreached>
{
    public async Task<EventOutcome> HandleAsync(SlaBreached breached, CancellationToken cancellationToken)
    {
        var instance = await steps.Db.Instances.FindAsync([breached.TicketId], cancellationToken);
        if (instance is null) return EventOutcome.WaitForEarlierStep("The ticket's lifecycle has not started here yet.");
        instance.Note("SlaBreached", new StepActor("supervision", Roles.Specialist), breached.Id,
            $"The {breached.Clock} deadline {breached.Deadline:u} of work item {breached.WorkItemId} passed at {breached.OfficeCode}.",
            steps.Db.Clock.GetUtcNow());
        return EventOutcome.Handled;
    }
}

/// <summary>满意度调查: the customer's answer goes on the timeline; the callback's outcome is what moves the ticket.</summary>
public sealed class SurveyCompletedHandler(LifecycleSteps steps) : IIntegrationEventHandler<SurveyCompleted>
{
    public async Task<EventOutcome> HandleAsync(SurveyCompleted completed, CancellationToken cancellationToken)
    {
        var instance = await steps.Db.Instances.FindAsync([completed.TicketId], cancellationToken);
        if (instance is null) return EventOutcome.WaitForEarlierStep("The ticket's lifecycle has not started here yet.");
        instance.Note("SurveyCompleted", new StepActor("survey", Roles.Agent), completed.Id,
            $"Satisfaction survey ({completed.Source}): {completed.Satisfaction}", steps.Db.Clock.GetUtcNow());
        return EventOutcome.Handled;
    }
}

/// <summary>协办: a co-handling office's part moves no state; each step of it goes on the timeline.</summary>
public sealed class CoHandlingUpdatedHandler(LifecycleSteps steps) : IIntegrationEventHandler<CoHandlingUpdated>
{
    public async Task<EventOutcome> HandleAsync(CoHandlingUpdated updated, CancellationToken cancellationToken)
    {
        var instance = await steps.Db.Instances.FindAsync([updated.TicketId], cancellationToken);
        if (instance is null) return EventOutcome.WaitForEarlierStep("The ticket's lifecycle has not started here yet.");
        instance.Note($"CoHandling{updated.Step}", new StepActor(updated.By, Roles.Office, updated.OfficeCode), updated.Id,
            $"Co-handling office {updated.OfficeCode}: {updated.Step.ToString().ToLowerInvariant()}" +
            (string.IsNullOrWhiteSpace(updated.Text) ? "" : $" ({updated.Text})"), steps.Db.Clock.GetUtcNow());
        return EventOutcome.Handled;
    }
}

/// <summary>等待群众补充: the office waits on the customer, or has their reply; no state changes, the timeline shows it.</summary>
public sealed class HandlingWaitingChangedHandler(LifecycleSteps steps) : IIntegrationEventHandler<HandlingWaitingChanged>
{
    public async Task<EventOutcome> HandleAsync(HandlingWaitingChanged changed, CancellationToken cancellationToken)
    {
        var instance = await steps.Db.Instances.FindAsync([changed.TicketId], cancellationToken);
        if (instance is null) return EventOutcome.WaitForEarlierStep("The ticket's lifecycle has not started here yet.");
        instance.Note(changed.Waiting ? "WaitingOnCustomer" : "CustomerReplied", new StepActor(changed.ChangedBy, Roles.Office, changed.OfficeCode),
            changed.Id, (changed.Waiting ? "Waiting on the customer" : "The customer replied") +
                        (string.IsNullOrWhiteSpace(changed.Note) ? "" : $": {changed.Note}"), steps.Db.Clock.GetUtcNow());
        return EventOutcome.Handled;
    }
}
