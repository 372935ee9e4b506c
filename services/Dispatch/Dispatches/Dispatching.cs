using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Offices;

namespace Ticketing.Dispatch.Dispatches;

public static class Dispatching
{
    /// <summary>Who assigns when no person does: routing rules and a supervisor's direction.</summary>
    public const string Automatic = "dispatch";

    /// <summary>交办: one place for routed, directed and by-hand dispatch, so each stores and announces an assignment alike.</summary>
    public static Assignment AssignTo(this DispatchDbContext db, DispatchRequest request, Office office, string routingReason, string assignedBy)
    {
        var assignment = request.Assign(office.Code, routingReason, assignedBy, db.Clock.GetUtcNow());
        db.Assignments.Add(assignment);
        db.Publish(new TicketAssigned(request.TicketId, request.Number, request.Id, assignment.Id, office.Code, office.Name,
            request.Category, request.Urgency, assignedBy));
        return assignment;
    }
}
