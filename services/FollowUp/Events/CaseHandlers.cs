using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.FollowUp.Cases;
using Ticketing.FollowUp.Data;

namespace Ticketing.FollowUp.Events;

/// <summary>The workflow opens a handling case at the office that signed for the ticket.</summary>
public sealed class HandlingRequestedHandler(FollowUpDbContext db) : IIntegrationEventHandler<HandlingRequested>
{
    public async Task<EventOutcome> HandleAsync(HandlingRequested requested, CancellationToken cancellationToken)
    {
        if (await db.Cases.FindAsync([requested.CaseId], cancellationToken) is null)
            db.Cases.Add(HandlingCase.Open(requested.CaseId, requested.TicketId, requested.Number, requested.AssignmentId,
                requested.OfficeCode, requested.Urgency, requested.Reopens, requested.Reason, db.Clock.GetUtcNow()));
        return EventOutcome.Handled;
    }
}

/// <summary>The workflow closed a handling case: the office may no longer report on it.</summary>
public sealed class WorkItemClosedHandler(FollowUpDbContext db) : IIntegrationEventHandler<WorkItemClosed>
{
    public async Task<EventOutcome> HandleAsync(WorkItemClosed closed, CancellationToken cancellationToken)
    {
        if (closed.Kind != WorkItemKind.HandlingCase) return EventOutcome.Handled;
        var handling = await db.Cases.FindAsync([closed.WorkItemId], cancellationToken);
        if (handling is null)
            return EventOutcome.WaitForEarlierStep($"Handling case {closed.WorkItemId} opens with handling.requested, which has not arrived.");
        var now = db.Clock.GetUtcNow();
        switch (closed.Outcome)
        {
            case WorkItemOutcome.Withdrawn: handling.Withdraw(closed.Reason, now); break;
            case WorkItemOutcome.Superseded: handling.Supersede(closed.Reason, now); break;
            // Done: the office's own result moved the ticket on; the case is already completed.
        }
        return EventOutcome.Handled;
    }
}
