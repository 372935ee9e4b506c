using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Dispatches;
using Ticketing.Dispatch.Offices;

namespace Ticketing.Dispatch.Events;

/// <summary>
/// 派单: the workflow opened a dispatch work item. A supervisor's direction is followed at once; otherwise the
/// ticket is routed by the rules (category × sub-category × region), unless a dispatcher is to choose by hand (a
/// re-dispatch after a return) or no rule matches: then it waits in the dispatchers' queue.
/// </summary>
public sealed class DispatchRequestedHandler(DispatchDbContext db, OfficeDirectory offices, ILogger<DispatchRequestedHandler> logger)
    : IIntegrationEventHandler<DispatchRequested>
{
    public async Task<EventOutcome> HandleAsync(DispatchRequested requested, CancellationToken cancellationToken)
    {
        // The same request under another event id (a republished step) must not assign twice.
        if (await db.DispatchRequests.AnyAsync(d => d.Id == requested.DispatchId, cancellationToken)) return EventOutcome.Handled;

        var request = DispatchRequest.Open(requested, db.Clock.GetUtcNow());
        db.DispatchRequests.Add(request);

        if (request.DirectedOfficeCode is { } directed)
        {
            if (offices.Find(directed) is { Active: true } office)
                db.AssignTo(request, office, [],
                    request.Reason is null ? "Directed by a supervisor" : $"Directed by a supervisor: {request.Reason}", Dispatching.Automatic);
            else // a supervisor's choice is not ours to overrule by routing: a dispatcher picks from the queue
            {
                request.WaitForDispatcher($"Directed to {directed}, which is not an active office: a dispatcher chooses the office.");
                logger.LogWarning("Ticket {Number} was directed to {Office}, which is not an active office; dispatch {DispatchId} waits in the queue",
                    request.Number, directed, request.Id);
            }
        }
        else if (request.ByHand)
            request.WaitForDispatcher(request.Reason is null ? "Re-dispatch by hand." : $"Re-dispatch by hand after: {request.Reason}");
        else if (offices.Route(request.Category, request.SubCategory, request.RegionCode) is { } decision)
            db.AssignTo(request, decision.Lead, decision.CoHandlers, decision.Reason, Dispatching.Automatic);
        else
            request.WaitForDispatcher(OfficeDirectory.NoRouteReason(request.Category, request.SubCategory, request.RegionCode));
        return EventOutcome.Handled;
    }
}
