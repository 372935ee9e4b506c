using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;

namespace Ticketing.Dispatch.Dispatches;

[JsonConverter(typeof(JsonStringEnumConverter<DispatchStatus>))]
public enum DispatchStatus { Queued, Assigned, Withdrawn }

/// <summary>
/// 派单: the workflow's dispatch work item, kept under the workflow's own id. It is assigned to an office at once
/// (routed, or directed by a supervisor) or waits in the dispatchers' queue for a hand to choose one.
/// </summary>
public sealed class DispatchRequest : IVersioned
{
    /// <summary>Room for a reason that arrives in an event; longer text is cut rather than refused.</summary>
    public const int ReasonLength = 500;

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public string Number { get; private set; } = "";
    public Category Category { get; private set; }
    public Urgency Urgency { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string? SubCategory { get; private set; }

    /// <summary>Why it waits in the dispatchers' queue: no rule matched, or the directed office is not one.</summary>
    public string? WaitingReason { get; private set; }

    /// <summary>The office a supervisor directed the ticket to, if any.</summary>
    public string? DirectedOfficeCode { get; private set; }

    /// <summary>A dispatcher chooses the office (a re-dispatch after a return), no routing.</summary>
    public bool ByHand { get; private set; }

    /// <summary>Why the workflow asked: the supervisor's direction or the office's return reason.</summary>
    public string? Reason { get; private set; }

    public DispatchStatus Status { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public Guid? AssignmentId { get; private set; }
    public string? AssignedBy { get; private set; }

    /// <summary>Why the workflow withdrew it.</summary>
    public string? ClosedReason { get; private set; }

    /// <summary>When it left the queue, assigned or withdrawn.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public int Version { get; set; }

    private DispatchRequest() { }

    public static DispatchRequest Open(DispatchRequested requested, DateTimeOffset now) => new()
    {
        Id = requested.DispatchId,
        TicketId = requested.TicketId,
        Number = requested.Number,
        Category = requested.Category,
        Urgency = requested.Urgency,
        RegionCode = requested.RegionCode,
        SubCategory = requested.SubCategory,
        DirectedOfficeCode = string.IsNullOrWhiteSpace(requested.OfficeCode) ? null : requested.OfficeCode.Trim(),
        ByHand = requested.ByHand,
        Reason = EventText.Clip(requested.Reason, ReasonLength),
        Status = DispatchStatus.Queued,
        RequestedAt = now,
    };

    /// <summary>Nothing decides the office: a dispatcher will.</summary>
    public void WaitForDispatcher(string why) => WaitingReason = EventText.Clip(why, ReasonLength);

    /// <summary>
    /// 交办: the request becomes an assignment at <paramref name="officeCode"/> (the lead), plus one part per co-handling office;
    /// only a queued request can.
    /// </summary>
    public IReadOnlyList<Assignment> Assign(string officeCode, IReadOnlyList<string> coHandlers, string routingReason, string assignedBy,
        DateTimeOffset now)
    {
        switch (Status)
        {
            case DispatchStatus.Assigned:
                throw new DomainRuleException("Dispatch already assigned",
                    $"Ticket {Number}'s dispatch request was assigned by {AssignedBy} at {ClosedAt:u} (assignment {AssignmentId}).");
            case DispatchStatus.Withdrawn:
                throw new DomainRuleException("Dispatch withdrawn",
                    $"Ticket {Number}'s dispatch request was withdrawn at {ClosedAt:u}: {ClosedReason}");
        }
        var assignment = Assignment.Create(Id, TicketId, Number, Category, Urgency, RegionCode, officeCode,
            EventText.Clip(routingReason, Assignment.RoutingReasonLength)!, now);
        Status = DispatchStatus.Assigned;
        AssignmentId = assignment.Id;
        AssignedBy = assignedBy;
        ClosedAt = now;
        return [assignment, .. coHandlers.Select(assignment.CoHandledBy)];
    }

    /// <summary>The ticket moved elsewhere while the request waited; an assigned request stays as it was (false).</summary>
    public bool Withdraw(string reason, DateTimeOffset now)
    {
        if (Status != DispatchStatus.Queued) return false;
        Status = DispatchStatus.Withdrawn;
        ClosedReason = EventText.Clip(reason, ReasonLength);
        ClosedAt = now;
        return true;
    }
}
