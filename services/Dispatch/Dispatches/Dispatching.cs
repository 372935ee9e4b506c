using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Offices;

namespace Ticketing.Dispatch.Dispatches;

public static class Dispatching
{
    /// <summary>Who assigns when no person does: routing rules and a supervisor's direction.</summary>
    public const string Automatic = "dispatch";

    /// <summary>
    /// 交办: one place for routed, directed and by-hand dispatch, so each stores and announces its assignments alike:
    /// the lead's moves the lifecycle, each co-handler's part goes on the timeline.
    /// </summary>
    public static Assignment AssignTo(this DispatchDbContext db, DispatchRequest request, Office lead, IReadOnlyList<Office> coHandlers,
        string routingReason, string assignedBy)
    {
        var assignments = request.Assign(lead.Code, coHandlers.Select(o => o.Code).ToList(), routingReason, assignedBy, db.Clock.GetUtcNow());
        db.Assignments.AddRange(assignments);
        var leadAssignment = assignments[0];
        db.Publish(new TicketAssigned(request.TicketId, request.Number, request.Id, leadAssignment.Id, lead.Code, lead.Name,
            request.Category, request.Urgency, assignedBy, coHandlers.Count == 0 ? null : coHandlers.Select(o => o.Code).ToList()));
        foreach (var part in assignments.Skip(1))
            db.Publish(new CoHandlingUpdated(request.TicketId, part.Id, leadAssignment.Id, part.OfficeCode, CoHandlingStep.Assigned,
                $"Co-handling with lead office {lead.Code}", assignedBy));
        return leadAssignment;
    }

    /// <summary>The co-handlers' parts end with the lead's work; each says so on the timeline.</summary>
    public static void WithdrawParts(this DispatchDbContext db, IEnumerable<Assignment> parts, string reason)
    {
        var now = db.Clock.GetUtcNow();
        foreach (var part in parts)
            if (part.WithdrawPart(reason, now))
                db.Publish(new CoHandlingUpdated(part.TicketId, part.Id, part.LeadAssignmentId!.Value, part.OfficeCode, CoHandlingStep.Withdrawn,
                    reason, Automatic));
    }
}
