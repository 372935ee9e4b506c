namespace Ticketing.Contracts.Events;

/// <summary>A clock on an office's work item ran out before the work was done.</summary>
[Topic("sla.breached", 2)]
public sealed record SlaBreached(Guid TicketId, Guid WorkItemId, string OfficeCode, string Clock, DateTimeOffset Deadline)
    : IntegrationEvent, ITicketEvent;
