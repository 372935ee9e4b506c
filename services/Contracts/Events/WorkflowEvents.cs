namespace Ticketing.Contracts.Events;

/// <summary>
/// The ticket moved on the main line. <see cref="Sequence"/> counts the instance's transitions so a
/// reader can ignore a stale change that arrives late.
/// </summary>
[Topic("ticket.state-changed")]
public sealed record TicketStateChanged(
    Guid TicketId, TicketState From, TicketState To, string Trigger, int Sequence) : IntegrationEvent, ITicketEvent;

[Topic("dispatch.requested")]
public sealed record DispatchRequested(
    Guid TicketId, string Number, Category Category, Urgency Urgency, string RegionCode) : IntegrationEvent, ITicketEvent;

[Topic("callback.requested")]
public sealed record CallbackRequested(
    Guid TicketId, string Number, string OfficeCode, string ReplyToCustomer) : IntegrationEvent, ITicketEvent;

/// <summary>The customer was unsatisfied: the ticket goes back to the same office (重办).</summary>
[Topic("ticket.reopened")]
public sealed record TicketReopened(Guid TicketId, string Number, string OfficeCode, int ReopenCount) : IntegrationEvent, ITicketEvent;
