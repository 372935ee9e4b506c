using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Dispatches;

namespace Ticketing.Dispatch.Events;

/// <summary>A ticket that has ended (closed, merged, rejected) leaves no co-handler's part open in an inbox.</summary>
public sealed class TicketEndedHandler(DispatchDbContext db) : IIntegrationEventHandler<TicketStateChanged>
{
    public async Task<EventOutcome> HandleAsync(TicketStateChanged changed, CancellationToken cancellationToken)
    {
        if (changed.To is not (TicketState.Closed or TicketState.Merged or TicketState.Rejected)) return EventOutcome.Handled;
        var open = await db.Assignments
            .Where(a => a.TicketId == changed.TicketId && a.Role == AssignmentRole.CoHandler
                        && (a.Status == AssignmentStatus.Assigned || a.Status == AssignmentStatus.Signed))
            .ToListAsync(cancellationToken);
        db.WithdrawParts(open, $"The ticket is {changed.To.ToString().ToLowerInvariant()}.");
        return EventOutcome.Handled;
    }
}
