namespace Ticketing.Contracts.Events;

[Topic("ticket.received")]
public sealed record TicketReceived(
    Guid TicketId, string Number, Channel Channel, Category Category, Urgency Urgency,
    string RegionCode, string Title, string ReceivedBy, string? ConcernedStaff = null, string? SubCategory = null) : IntegrationEvent, ITicketEvent;

[Topic("ticket.accepted")]
public sealed record TicketAccepted(
    Guid TicketId, string Number, Category Category, Urgency Urgency, string RegionCode, string AcceptedBy) : IntegrationEvent, ITicketEvent;

[Topic("ticket.rejected")]
public sealed record TicketRejected(Guid TicketId, string Number, string Reason, string RejectedBy) : IntegrationEvent, ITicketEvent;

/// <summary>直接答复办结: the agent answered it during the call.</summary>
[Topic("ticket.resolved-at-first-contact")]
public sealed record TicketResolvedAtFirstContact(Guid TicketId, string Number, string Answer, string ResolvedBy) : IntegrationEvent, ITicketEvent;
