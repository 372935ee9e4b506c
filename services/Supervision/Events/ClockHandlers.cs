using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Supervision.Clocks;

namespace Ticketing.Supervision.Events;

// Every clock counts from the moment things happened (the event's OccurredAt), not from when supervision heard of it.
// A step whose clock has not started here yet waits in the inbox for the event that starts it.

/// <summary>交办 starts the lead office's sign-for clock on that assignment.</summary>
public sealed class TicketAssignedHandler(ClockKeeper clocks) : IIntegrationEventHandler<TicketAssigned>
{
    public async Task<EventOutcome> HandleAsync(TicketAssigned assigned, CancellationToken cancellationToken)
    {
        await clocks.StartAsync(assigned.AssignmentId, SlaClock.SignFor, assigned.TicketId, assigned.Number, assigned.OfficeCode, assigned.Category,
            assigned.Urgency, assigned.OccurredAt, assigned.AssignmentId, cancellationToken);
        return EventOutcome.Handled;
    }
}

/// <summary>协办: a co-handling office gets its own sign-for clock on its own assignment, on the lead's terms.</summary>
public sealed class CoHandlingUpdatedHandler(ClockKeeper clocks) : IIntegrationEventHandler<CoHandlingUpdated>
{
    public async Task<EventOutcome> HandleAsync(CoHandlingUpdated updated, CancellationToken cancellationToken)
    {
        if (updated.Step == CoHandlingStep.Assigned)
        {
            if (await clocks.FindAsync(updated.LeadAssignmentId, cancellationToken) is not { } lead)
                return EventOutcome.WaitForEarlierStep($"The lead assignment {updated.LeadAssignmentId} has no clock here yet.");
            await clocks.StartAsync(updated.AssignmentId, SlaClock.SignFor, updated.TicketId, lead.Number, updated.OfficeCode, lead.Category, lead.Urgency,
                updated.OccurredAt, updated.AssignmentId, cancellationToken);
            return EventOutcome.Handled;
        }
        var outcome = updated.Step switch
        {
            CoHandlingStep.Signed => ClockOutcome.Done,
            CoHandlingStep.Returned => ClockOutcome.Returned,
            CoHandlingStep.Withdrawn => ClockOutcome.Withdrawn,
            _ => (ClockOutcome?)null, // a report comes after the sign-for: nothing left to time
        };
        if (outcome is null) return EventOutcome.Handled;
        if (await clocks.FindAsync(updated.AssignmentId, cancellationToken) is not { } clock)
            return EventOutcome.WaitForEarlierStep($"The co-handling assignment {updated.AssignmentId} has no clock here yet.");
        await clocks.StopAsync(clock, updated.OccurredAt, outcome.Value, cancellationToken);
        return EventOutcome.Handled;
    }
}

/// <summary>签收 stops the sign-for clock when the office signed, however late the news.</summary>
public sealed class AssignmentSignedHandler(ClockKeeper clocks) : IIntegrationEventHandler<AssignmentSigned>
{
    public Task<EventOutcome> HandleAsync(AssignmentSigned signed, CancellationToken cancellationToken) =>
        clocks.StopItemAsync(signed.AssignmentId, signed.OccurredAt, ClockOutcome.Done, cancellationToken);
}

/// <summary>退回 stops the office's sign-for clock and counts against it (outcome Returned); re-dispatch gets a new assignment and clock.</summary>
public sealed class AssignmentReturnedHandler(ClockKeeper clocks) : IIntegrationEventHandler<AssignmentReturned>
{
    public Task<EventOutcome> HandleAsync(AssignmentReturned returned, CancellationToken cancellationToken) =>
        clocks.StopItemAsync(returned.AssignmentId, returned.OccurredAt, ClockOutcome.Returned, cancellationToken);
}

/// <summary>
/// A handling case (first handling, reopen or reply sent back) starts its own handling clock: the first from the moment
/// the office signed, the others from when they were opened.
/// </summary>
public sealed class HandlingRequestedHandler(ClockKeeper clocks) : IIntegrationEventHandler<HandlingRequested>
{
    public async Task<EventOutcome> HandleAsync(HandlingRequested requested, CancellationToken cancellationToken)
    {
        var signFor = await clocks.FindAsync(requested.AssignmentId, cancellationToken);
        var terms = signFor is not null ? (signFor.Category, signFor.Urgency) : await clocks.TicketTermsAsync(requested.TicketId, cancellationToken);
        if (terms is null) return EventOutcome.WaitForEarlierStep($"The ticket {requested.TicketId} has no sign-for clock here yet.");
        var startedAt = requested.Reopens == 0 && signFor is { Outcome: ClockOutcome.Done, StoppedAt: { } signedAt } && signedAt <= requested.OccurredAt
            ? signedAt
            : requested.OccurredAt;
        await clocks.StartAsync(requested.CaseId, SlaClock.Handling, requested.TicketId, requested.Number, requested.OfficeCode, terms.Value.Category,
            requested.Urgency, startedAt, requested.AssignmentId == Guid.Empty ? null : requested.AssignmentId, cancellationToken);
        return EventOutcome.Handled;
    }
}

/// <summary>办结 stops the handling clock at the moment the office completed, even when the news comes after the deadline.</summary>
public sealed class HandlingCompletedHandler(ClockKeeper clocks) : IIntegrationEventHandler<HandlingCompleted>
{
    public Task<EventOutcome> HandleAsync(HandlingCompleted completed, CancellationToken cancellationToken) =>
        clocks.StopItemAsync(completed.CaseId, completed.OccurredAt, ClockOutcome.Done, cancellationToken);
}

/// <summary>等待群众: the handling clock pauses while the case waits on the customer and runs on from the reply.</summary>
public sealed class HandlingWaitingChangedHandler(ClockKeeper clocks) : IIntegrationEventHandler<HandlingWaitingChanged>
{
    public async Task<EventOutcome> HandleAsync(HandlingWaitingChanged changed, CancellationToken cancellationToken)
    {
        if (await clocks.FindAsync(changed.CaseId, cancellationToken) is not { } clock)
            return EventOutcome.WaitForEarlierStep($"The handling case {changed.CaseId} has no clock here yet.");
        await clocks.PauseOrResumeAsync(clock, changed.Waiting, changed.OccurredAt, cancellationToken);
        return EventOutcome.Handled;
    }
}

/// <summary>回访: the call centre's callback clock starts once the office's reply is through (completion or review).</summary>
public sealed class CallbackRequestedHandler(ClockKeeper clocks) : IIntegrationEventHandler<CallbackRequested>
{
    public async Task<EventOutcome> HandleAsync(CallbackRequested requested, CancellationToken cancellationToken)
    {
        var terms = await clocks.TicketTermsAsync(requested.TicketId, cancellationToken) ?? (null, Urgency.Normal);
        await clocks.StartAsync(requested.CallbackTaskId, SlaClock.Callback, requested.TicketId, requested.Number, SlaClock.CallCentre, terms.Category,
            terms.Urgency, requested.OccurredAt, null, cancellationToken);
        return EventOutcome.Handled;
    }
}

public sealed class CallbackCompletedHandler(ClockKeeper clocks) : IIntegrationEventHandler<CallbackCompleted>
{
    public Task<EventOutcome> HandleAsync(CallbackCompleted completed, CancellationToken cancellationToken) =>
        clocks.StopItemAsync(completed.CallbackTaskId, completed.OccurredAt, ClockOutcome.Done, cancellationToken);
}

/// <summary>The workflow closed a work item, however it ended: that item's clock stops (if its own step has not stopped it earlier).</summary>
public sealed class WorkItemClosedHandler(ClockKeeper clocks) : IIntegrationEventHandler<WorkItemClosed>
{
    public async Task<EventOutcome> HandleAsync(WorkItemClosed closed, CancellationToken cancellationToken)
    {
        if (closed.Kind is not (WorkItemKind.Assignment or WorkItemKind.HandlingCase or WorkItemKind.CallbackTask)) return EventOutcome.Handled;
        var outcome = closed.Outcome == WorkItemOutcome.Done ? ClockOutcome.Done : ClockOutcome.Withdrawn;
        // Callback tasks opened before callback clocks existed have none; nothing waits for them.
        if (closed.Kind == WorkItemKind.CallbackTask && await clocks.FindAsync(closed.WorkItemId, cancellationToken) is null) return EventOutcome.Handled;
        return await clocks.StopItemAsync(closed.WorkItemId, closed.OccurredAt, outcome, cancellationToken);
    }
}

/// <summary>升级: the ticket's running clocks shorten to the new urgency's policy.</summary>
public sealed class TicketEscalatedHandler(ClockKeeper clocks) : IIntegrationEventHandler<TicketEscalated>
{
    public async Task<EventOutcome> HandleAsync(TicketEscalated escalated, CancellationToken cancellationToken)
    {
        await clocks.EscalateAsync(escalated.TicketId, escalated.To, escalated.OccurredAt, cancellationToken);
        return EventOutcome.Handled;
    }
}

public static class ClockKeeperSteps
{
    public static async Task<EventOutcome> StopItemAsync(this ClockKeeper clocks, Guid workItemId, DateTimeOffset at, ClockOutcome outcome,
        CancellationToken cancellationToken)
    {
        if (await clocks.FindAsync(workItemId, cancellationToken) is not { } clock)
            return EventOutcome.WaitForEarlierStep($"The clock of work item {workItemId} has not started here yet.");
        await clocks.StopAsync(clock, at, outcome, cancellationToken);
        return EventOutcome.Handled;
    }
}
