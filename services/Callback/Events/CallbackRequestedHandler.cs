using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Callback.Data;
using Ticketing.Callback.Tasks;
using Ticketing.Contracts.Events;

namespace Ticketing.Callback.Events;

/// <summary>A completed ticket lands in the agents' callback queue (one open task per ticket).</summary>
public sealed class CallbackRequestedHandler(CallbackDbContext db) : IIntegrationEventHandler<CallbackRequested>
{
    public async Task<EventOutcome> HandleAsync(CallbackRequested requested, CancellationToken cancellationToken)
    {
        var alreadyQueued = await db.Tasks.AnyAsync(t => t.TicketId == requested.TicketId && t.Status == CallbackTaskStatus.Open, cancellationToken);
        if (!alreadyQueued)
            db.Tasks.Add(CallbackTask.Open(requested.TicketId, requested.Number, requested.OfficeCode, requested.ReplyToCustomer, db.Clock.GetUtcNow()));
        return EventOutcome.Handled;
    }
}
