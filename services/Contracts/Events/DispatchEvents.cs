using System.Text.Json.Serialization;

namespace Ticketing.Contracts.Events;

/// <summary>
/// 交办: dispatch routed the workflow's dispatch request <see cref="DispatchId"/> to its lead office (主办) as assignment
/// <see cref="AssignmentId"/>; <see cref="CoHandlingOffices"/> (协办) got assignments of their own, announced as <see cref="CoHandlingUpdated"/>.
/// </summary>
[Topic("ticket.assigned", 2)]
public sealed record TicketAssigned(
    Guid TicketId, string Number, Guid DispatchId, Guid AssignmentId, string OfficeCode, string OfficeName,
    Category Category, Urgency Urgency, string AssignedBy, IReadOnlyList<string>? CoHandlingOffices = null) : IntegrationEvent, ITicketEvent;

[Topic("assignment.signed")]
public sealed record AssignmentSigned(Guid TicketId, Guid AssignmentId, string OfficeCode, string SignedBy) : IntegrationEvent, ITicketEvent;

/// <summary>退回: the lead office sends the work back with a reason code and its own words, for re-dispatch.</summary>
[Topic("assignment.returned")]
public sealed record AssignmentReturned(Guid TicketId, Guid AssignmentId, string OfficeCode, string Reason, string ReturnedBy,
    ReturnReason? ReasonCode = null) : IntegrationEvent, ITicketEvent;

/// <summary>What a co-handling office (协办单位) did with its part.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CoHandlingStep>))]
public enum CoHandlingStep { Assigned, Signed, Reported, Returned, Withdrawn }

/// <summary>
/// 协办: a co-handling office's part of a ticket changed. It moves no lifecycle state (the lead office's assignment does);
/// it goes on the ticket's timeline and keys the co-handler's own clocks.
/// </summary>
[Topic("cohandling.updated")]
public sealed record CoHandlingUpdated(Guid TicketId, Guid AssignmentId, Guid LeadAssignmentId, string OfficeCode, CoHandlingStep Step,
    string? Text, string By) : IntegrationEvent, ITicketEvent;
