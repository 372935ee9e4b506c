namespace Ticketing.Contracts.Events;

[Topic("ticket.assigned")]
public sealed record TicketAssigned(
    Guid TicketId, string Number, Guid AssignmentId, string OfficeCode, string OfficeName,
    Category Category, Urgency Urgency) : IntegrationEvent, ITicketEvent;

[Topic("assignment.signed")]
public sealed record AssignmentSigned(Guid TicketId, Guid AssignmentId, string OfficeCode, string SignedBy) : IntegrationEvent, ITicketEvent;
