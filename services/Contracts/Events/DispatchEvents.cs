namespace Ticketing.Contracts.Events;

/// <summary>交办: dispatch routed the workflow's dispatch request <see cref="DispatchId"/> to an office as assignment <see cref="AssignmentId"/>.</summary>
[Topic("ticket.assigned", 2)]
public sealed record TicketAssigned(
    Guid TicketId, string Number, Guid DispatchId, Guid AssignmentId, string OfficeCode, string OfficeName,
    Category Category, Urgency Urgency, string AssignedBy) : IntegrationEvent, ITicketEvent;

[Topic("assignment.signed")]
public sealed record AssignmentSigned(Guid TicketId, Guid AssignmentId, string OfficeCode, string SignedBy) : IntegrationEvent, ITicketEvent;

/// <summary>退回: the office sends the work back with a reason, for re-dispatch.</summary>
[Topic("assignment.returned")]
public sealed record AssignmentReturned(Guid TicketId, Guid AssignmentId, string OfficeCode, string Reason, string ReturnedBy)
    : IntegrationEvent, ITicketEvent;
