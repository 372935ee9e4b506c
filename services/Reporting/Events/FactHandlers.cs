using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Reporting.Data;
using Ticketing.Reporting.Facts;

namespace Ticketing.Reporting.Events;

// Each event becomes a fact under its own natural key, created by whichever event of it comes first: events arrive out
// of order and more than once, and every figure is counted when asked, by the time each thing happened (OccurredAt).

public sealed class TicketReceivedHandler(ReportingDbContext db) : IIntegrationEventHandler<TicketReceived>
{
    public async Task<EventOutcome> HandleAsync(TicketReceived e, CancellationToken cancellationToken)
    {
        (await db.TicketAsync(e.TicketId, cancellationToken)).Received(e.OccurredAt, e.ReceivedBy, e.ConcernedStaff, e.Category);
        return EventOutcome.Handled;
    }
}

public sealed class TicketResolvedAtFirstContactHandler(ReportingDbContext db) : IIntegrationEventHandler<TicketResolvedAtFirstContact>
{
    public async Task<EventOutcome> HandleAsync(TicketResolvedAtFirstContact e, CancellationToken cancellationToken)
    {
        (await db.TicketAsync(e.TicketId, cancellationToken)).ResolvedAtFirstContact(e.OccurredAt, e.ResolvedBy);
        return EventOutcome.Handled;
    }
}

public sealed class TicketStateChangedHandler(ReportingDbContext db) : IIntegrationEventHandler<TicketStateChanged>
{
    public async Task<EventOutcome> HandleAsync(TicketStateChanged e, CancellationToken cancellationToken)
    {
        (await db.TicketAsync(e.TicketId, cancellationToken)).Moved(e.To, e.Trigger, e.OccurredAt);
        return EventOutcome.Handled;
    }
}

public sealed class TicketAssignedHandler(ReportingDbContext db) : IIntegrationEventHandler<TicketAssigned>
{
    public async Task<EventOutcome> HandleAsync(TicketAssigned e, CancellationToken cancellationToken)
    {
        (await db.AssignmentAsync(e.AssignmentId, e.TicketId, e.OfficeCode, cancellationToken)).Assigned(e.OccurredAt);
        var office = await db.OfficeNames.FindAsync([e.OfficeCode], cancellationToken);
        if (office is null) db.OfficeNames.Add(OfficeName.Of(e.OfficeCode, e.OfficeName));
        else office.Rename(e.OfficeName);
        return EventOutcome.Handled;
    }
}

public sealed class AssignmentSignedHandler(ReportingDbContext db) : IIntegrationEventHandler<AssignmentSigned>
{
    public async Task<EventOutcome> HandleAsync(AssignmentSigned e, CancellationToken cancellationToken)
    {
        (await db.AssignmentAsync(e.AssignmentId, e.TicketId, e.OfficeCode, cancellationToken)).Signed(e.OccurredAt);
        return EventOutcome.Handled;
    }
}

public sealed class AssignmentReturnedHandler(ReportingDbContext db) : IIntegrationEventHandler<AssignmentReturned>
{
    public async Task<EventOutcome> HandleAsync(AssignmentReturned e, CancellationToken cancellationToken)
    {
        (await db.AssignmentAsync(e.AssignmentId, e.TicketId, e.OfficeCode, cancellationToken)).Returned(e.OccurredAt);
        return EventOutcome.Handled;
    }
}

public sealed class HandlingRequestedHandler(ReportingDbContext db) : IIntegrationEventHandler<HandlingRequested>
{
    public async Task<EventOutcome> HandleAsync(HandlingRequested e, CancellationToken cancellationToken)
    {
        (await db.HandlingCaseAsync(e.CaseId, e.TicketId, e.OfficeCode, cancellationToken)).Requested(e.OccurredAt, e.Reopens);
        return EventOutcome.Handled;
    }
}

public sealed class HandlingCompletedHandler(ReportingDbContext db) : IIntegrationEventHandler<HandlingCompleted>
{
    public async Task<EventOutcome> HandleAsync(HandlingCompleted e, CancellationToken cancellationToken)
    {
        // Its working hours are measured by WorkingHoursMeasurer, which asks supervision, outside the event's delivery.
        (await db.HandlingCaseAsync(e.CaseId, e.TicketId, e.OfficeCode, cancellationToken)).Completed(e.OccurredAt);
        return EventOutcome.Handled;
    }
}

public sealed class SlaBreachedHandler(ReportingDbContext db) : IIntegrationEventHandler<SlaBreached>
{
    public async Task<EventOutcome> HandleAsync(SlaBreached e, CancellationToken cancellationToken)
    {
        if (await db.Breaches.FindAsync([e.WorkItemId, e.Clock], cancellationToken) is null)
            db.Breaches.Add(BreachFact.Raised(e.WorkItemId, e.Clock, e.TicketId, e.OfficeCode, e.OccurredAt, e.Deadline));
        return EventOutcome.Handled;
    }
}

/// <summary>Supervision took a breach back (work done in time but reported late, an extension granted in time): on time again.</summary>
public sealed class SlaBreachWithdrawnHandler(ReportingDbContext db) : IIntegrationEventHandler<SlaBreachWithdrawn>
{
    public async Task<EventOutcome> HandleAsync(SlaBreachWithdrawn e, CancellationToken cancellationToken)
    {
        var breach = await db.Breaches.FindAsync([e.WorkItemId, e.Clock], cancellationToken);
        if (breach is null) return EventOutcome.WaitForEarlierStep($"No {e.Clock} breach of {e.WorkItemId} here (yet).");
        breach.Withdraw(e.OccurredAt);
        return EventOutcome.Handled;
    }
}

public sealed class CallbackCompletedHandler(ReportingDbContext db) : IIntegrationEventHandler<CallbackCompleted>
{
    public async Task<EventOutcome> HandleAsync(CallbackCompleted e, CancellationToken cancellationToken)
    {
        if (await db.CallbacksDone.FindAsync([e.CallbackTaskId], cancellationToken) is null)
            db.CallbacksDone.Add(CallbackDone.Of(e.CallbackTaskId, e.TicketId, e.AgentId, e.OccurredAt));
        return EventOutcome.Handled;
    }
}

public sealed class CallbackFailedHandler(ReportingDbContext db) : IIntegrationEventHandler<CallbackFailed>
{
    public async Task<EventOutcome> HandleAsync(CallbackFailed e, CancellationToken cancellationToken)
    {
        if (await db.FailedAttempts.FindAsync([e.CallbackTaskId, e.Attempt], cancellationToken) is null)
            db.FailedAttempts.Add(CallbackAttemptFailed.Of(e.CallbackTaskId, e.Attempt, e.TicketId, e.AgentId, e.OccurredAt));
        return EventOutcome.Handled;
    }
}

public sealed class SurveyCompletedHandler(ReportingDbContext db) : IIntegrationEventHandler<SurveyCompleted>
{
    public async Task<EventOutcome> HandleAsync(SurveyCompleted e, CancellationToken cancellationToken)
    {
        if (await db.Answers.FindAsync([e.ResponseId], cancellationToken) is null)
            db.Answers.Add(SatisfactionAnswer.Of(e.ResponseId, e.TicketId, e.Satisfaction, e.OccurredAt));
        return EventOutcome.Handled;
    }
}
