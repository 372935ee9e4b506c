using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Callback.Data;
using Ticketing.Callback.Tasks;
using Ticketing.Contracts.Events;

namespace Ticketing.Callback.Events;

/// <summary>The workflow opens a callback task in the agents' queue, under the task's own id.</summary>
public sealed class CallbackRequestedHandler(CallbackDbContext db) : IIntegrationEventHandler<CallbackRequested>
{
    public async Task<EventOutcome> HandleAsync(CallbackRequested requested, CancellationToken cancellationToken)
    {
        if (await db.Tasks.FindAsync([requested.CallbackTaskId], cancellationToken) is null)
            db.Tasks.Add(CallbackTask.Open(requested.CallbackTaskId, requested.TicketId, requested.Number, requested.OfficeCode,
                requested.ReplyToCustomer, requested.DueAt, db.Clock.GetUtcNow()));
        return EventOutcome.Handled;
    }
}
