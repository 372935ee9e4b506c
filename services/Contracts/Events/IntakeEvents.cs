namespace Ticketing.Contracts.Events;

[Topic("ticket.received")]
public sealed record TicketReceived(
    Guid TicketId, string Number, Channel Channel, Category Category, Urgency Urgency,
    string RegionCode, string Title, string ReceivedBy) : IntegrationEvent, ITicketEvent;

[Topic("ticket.accepted")]
public sealed record TicketAccepted(
    Guid TicketId, string Number, Category Category, Urgency Urgency, string RegionCode, string AcceptedBy) : IntegrationEvent, ITicketEvent;

[Topic("ticket.rejected")]
public sealed record TicketRejected(Guid TicketId, string Number, string Reason, string RejectedBy) : IntegrationEvent, ITicketEvent;
