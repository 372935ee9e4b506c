namespace Ticketing.Contracts.Events;

/// <summary>A handling clock ran out before the office completed the ticket.</summary>
[Topic("sla.breached")]
public sealed record SlaBreached(Guid TicketId, string OfficeCode, string Clock, DateTimeOffset Deadline) : IntegrationEvent, ITicketEvent;
