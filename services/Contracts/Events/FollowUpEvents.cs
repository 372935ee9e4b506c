namespace Ticketing.Contracts.Events;

/// <summary>办结: the office finished its handling case and wrote the reply for the customer.</summary>
[Topic("handling.completed", 2)]
public sealed record HandlingCompleted(
    Guid TicketId, Guid CaseId, string OfficeCode, string ReplyToCustomer, string CompletedBy) : IntegrationEvent, ITicketEvent;

/// <summary>
/// 等待群众补充材料: the office set its handling case waiting on the customer (<see cref="Waiting"/> true) or took the
/// customer's reply (false). Supervision pauses the handling clock from <see cref="IntegrationEvent.OccurredAt"/> to the reply.
/// </summary>
[Topic("handling.waiting-changed")]
public sealed record HandlingWaitingChanged(Guid TicketId, Guid CaseId, string OfficeCode, bool Waiting, string Note, string ChangedBy)
    : IntegrationEvent, ITicketEvent;
