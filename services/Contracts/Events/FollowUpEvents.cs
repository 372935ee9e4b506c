namespace Ticketing.Contracts.Events;

/// <summary>办结: the office finished its handling case and wrote the reply for the customer.</summary>
[Topic("handling.completed", 2)]
public sealed record HandlingCompleted(
    Guid TicketId, Guid CaseId, string OfficeCode, string ReplyToCustomer, string CompletedBy) : IntegrationEvent, ITicketEvent;
