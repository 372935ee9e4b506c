using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Callback.Data;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;

namespace Ticketing.Callback.Events;

/// <summary>The workflow closed a callback task: agents may no longer record on it.</summary>
public sealed class WorkItemClosedHandler(CallbackDbContext db) : IIntegrationEventHandler<WorkItemClosed>
{
    public async Task<EventOutcome> HandleAsync(WorkItemClosed closed, CancellationToken cancellationToken)
    {
        if (closed.Kind != WorkItemKind.CallbackTask) return EventOutcome.Handled;
        var task = await db.Tasks.FindAsync([closed.WorkItemId], cancellationToken);
        if (task is null)
            return EventOutcome.WaitForEarlierStep($"Callback task {closed.WorkItemId} opens with callback.requested, which has not arrived.");
        var now = db.Clock.GetUtcNow();
        switch (closed.Outcome)
        {
            case WorkItemOutcome.Done: task.Done(closed.Reason, now); break;
            case WorkItemOutcome.Withdrawn: task.Withdraw(closed.Reason, now); break;
            case WorkItemOutcome.Superseded: task.Supersede(closed.Reason, now); break;
        }
        return EventOutcome.Handled;
    }
}
