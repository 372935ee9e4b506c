using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Workflow.Data;
using Ticketing.Workflow.Lifecycle;

namespace Ticketing.Workflow.Events;

/// <summary>A registered ticket gets its lifecycle instance.</summary>
public sealed class TicketReceivedHandler(WorkflowDbContext db) : IIntegrationEventHandler<TicketReceived>
{
    public async Task<EventOutcome> HandleAsync(TicketReceived received, CancellationToken cancellationToken)
    {
        if (await db.Instances.FindAsync([received.TicketId], cancellationToken) is not null) return EventOutcome.Handled;
        db.Instances.Add(WorkflowInstance.Start(received, db.Clock.GetUtcNow()));
        return EventOutcome.Handled;
    }
}

/// <summary>受理 → ask dispatch to route the ticket to an office.</summary>
public sealed class TicketAcceptedHandler(WorkflowDbContext db) : LifecycleStepHandler<TicketAccepted>(db)
{
    protected override Guid TicketIdOf(TicketAccepted e) => e.TicketId;
    protected override LifecycleTrigger TriggerFor(TicketAccepted e) => LifecycleTrigger.Accept;
    protected override string ActorOf(TicketAccepted e) => e.AcceptedBy;

    protected override void AfterStep(WorkflowInstance instance, TicketAccepted e) =>
        Db.Publish(new DispatchRequested(e.TicketId, e.Number, e.Category, e.Urgency, e.RegionCode));
}

public sealed class TicketRejectedHandler(WorkflowDbContext db) : LifecycleStepHandler<TicketRejected>(db)
{
    protected override Guid TicketIdOf(TicketRejected e) => e.TicketId;
    protected override LifecycleTrigger TriggerFor(TicketRejected e) => LifecycleTrigger.Reject;
    protected override string ActorOf(TicketRejected e) => e.RejectedBy;
    protected override string NoteOf(TicketRejected e) => e.Reason;
}

public sealed class TicketAssignedHandler(WorkflowDbContext db) : LifecycleStepHandler<TicketAssigned>(db)
{
    protected override Guid TicketIdOf(TicketAssigned e) => e.TicketId;
    protected override LifecycleTrigger TriggerFor(TicketAssigned e) => LifecycleTrigger.Assign;
    protected override string ActorOf(TicketAssigned e) => "dispatch";
    protected override string NoteOf(TicketAssigned e) => $"Assigned to {e.OfficeName} ({e.OfficeCode})";
    protected override void AfterStep(WorkflowInstance instance, TicketAssigned e) => instance.AssignTo(e.OfficeCode);
}

public sealed class AssignmentSignedHandler(WorkflowDbContext db) : LifecycleStepHandler<AssignmentSigned>(db)
{
    protected override Guid TicketIdOf(AssignmentSigned e) => e.TicketId;
    protected override LifecycleTrigger TriggerFor(AssignmentSigned e) => LifecycleTrigger.SignFor;
    protected override string ActorOf(AssignmentSigned e) => e.SignedBy;
    protected override string NoteOf(AssignmentSigned e) => $"Signed for by {e.OfficeCode}";
}

/// <summary>办结 → ask callback to call the customer.</summary>
public sealed class HandlingCompletedHandler(WorkflowDbContext db) : LifecycleStepHandler<HandlingCompleted>(db)
{
    protected override Guid TicketIdOf(HandlingCompleted e) => e.TicketId;
    protected override LifecycleTrigger TriggerFor(HandlingCompleted e) => LifecycleTrigger.Complete;
    protected override string ActorOf(HandlingCompleted e) => e.CompletedBy;
    protected override string NoteOf(HandlingCompleted e) => e.ReplyToCustomer;

    protected override void AfterStep(WorkflowInstance instance, HandlingCompleted e) =>
        Db.Publish(new CallbackRequested(e.TicketId, instance.Number, e.OfficeCode, e.ReplyToCustomer));
}

/// <summary>Satisfied → closed; unsatisfied → 重办, back to the same office, counted against it.</summary>
public sealed class SurveyCompletedHandler(WorkflowDbContext db) : LifecycleStepHandler<SurveyCompleted>(db)
{
    protected override Guid TicketIdOf(SurveyCompleted e) => e.TicketId;

    protected override LifecycleTrigger TriggerFor(SurveyCompleted e) =>
        e.Satisfaction == Satisfaction.Unsatisfied ? LifecycleTrigger.Reopen : LifecycleTrigger.ConfirmSatisfied;

    protected override string ActorOf(SurveyCompleted e) => "survey";
    protected override string NoteOf(SurveyCompleted e) => $"Customer: {e.Satisfaction} ({e.Source})";

    protected override void AfterStep(WorkflowInstance instance, SurveyCompleted e)
    {
        if (e.Satisfaction != Satisfaction.Unsatisfied) return;
        instance.CountReopen();
        Db.Publish(new TicketReopened(instance.TicketId, instance.Number, instance.OfficeCode ?? "", instance.ReopenCount));
    }
}

/// <summary>A breach changes no state; it goes on the timeline.</summary>
public sealed class SlaBreachedHandler(WorkflowDbContext db) : IIntegrationEventHandler<SlaBreached>
{
    public async Task<EventOutcome> HandleAsync(SlaBreached breached, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.FindAsync([breached.TicketId], cancellationToken);
        if (instance is null) return EventOutcome.WaitForEarlierStep("The ticket's lifecycle has not started here yet.");
        instance.Note("SlaBreached", "supervision",
            $"The {breached.Clock} deadline {breached.Deadline:u} passed at {breached.OfficeCode}.", db.Clock.GetUtcNow());
        return EventOutcome.Handled;
    }
}
