namespace Ticketing.Contracts.Events;

/// <summary>办结: the office finished the work and wrote the reply for the customer.</summary>
[Topic("handling.completed")]
public sealed record HandlingCompleted(
    Guid TicketId, string OfficeCode, string ReplyToCustomer, string CompletedBy) : IntegrationEvent, ITicketEvent;
