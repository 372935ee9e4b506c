using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Offices;

namespace Ticketing.Dispatch.Events;

/// <summary>派单: route an accepted ticket to its office by category × region.</summary>
public sealed class DispatchRequestedHandler(DispatchDbContext db, OfficeDirectory offices) : IIntegrationEventHandler<DispatchRequested>
{
    public async Task<EventOutcome> HandleAsync(DispatchRequested request, CancellationToken cancellationToken)
    {
        if (await db.Assignments.AnyAsync(a => a.TicketId == request.TicketId, cancellationToken)) return EventOutcome.Handled;

        var decision = offices.Route(request.Category, request.RegionCode);
        var assignment = Assignment.Create(request.TicketId, request.Number, request.Category, request.Urgency, request.RegionCode,
            decision.Office.Code, decision.Reason, db.Clock.GetUtcNow());
        db.Assignments.Add(assignment);
        db.Publish(new TicketAssigned(request.TicketId, request.Number, assignment.Id, decision.Office.Code, decision.Office.Name,
            request.Category, request.Urgency));
        return EventOutcome.Handled;
    }
}
