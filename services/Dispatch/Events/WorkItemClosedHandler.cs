using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Dispatches;

namespace Ticketing.Dispatch.Events;

/// <summary>
/// The workflow closed a work item. Dispatch keeps two kinds: a queued dispatch request leaves the queue, and an
/// assignment stops waiting on its office or, when the office's answer could not take effect, says so on the item.
/// </summary>
public sealed class WorkItemClosedHandler(DispatchDbContext db) : IIntegrationEventHandler<WorkItemClosed>
{
    public async Task<EventOutcome> HandleAsync(WorkItemClosed closed, CancellationToken cancellationToken)
    {
        var now = db.Clock.GetUtcNow();
        switch (closed.Kind)
        {
            case WorkItemKind.Dispatch:
                var request = await db.DispatchRequests.FindAsync([closed.WorkItemId], cancellationToken);
                if (request is null) return EventOutcome.WaitForEarlierStep($"No dispatch request {closed.WorkItemId} here (yet).");
                if (closed.Outcome is WorkItemOutcome.Withdrawn or WorkItemOutcome.Superseded) request.Withdraw(closed.Reason, now);
                return EventOutcome.Handled;

            case WorkItemKind.Assignment:
                var assignment = await db.Assignments.FindAsync([closed.WorkItemId], cancellationToken);
                if (assignment is null) return EventOutcome.WaitForEarlierStep($"No assignment {closed.WorkItemId} here (yet).");
                assignment.Close(closed.Outcome, closed.Reason, now);
                if (closed.Outcome is WorkItemOutcome.Withdrawn or WorkItemOutcome.Superseded)
                    db.WithdrawParts(await db.Assignments.Where(a => a.LeadAssignmentId == assignment.Id).ToListAsync(cancellationToken),
                        $"The lead office's assignment was {closed.Outcome.ToString().ToLowerInvariant()}: {closed.Reason}");
                return EventOutcome.Handled;

            default:
                return EventOutcome.Handled; // kept by other services
        }
    }
}
