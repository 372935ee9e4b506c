namespace Ticketing.Contracts.Events;

/// <summary>
/// The ticket moved on the lifecycle. <see cref="Sequence"/> counts the instance's transitions so a
/// reader can ignore a stale change that arrives late.
/// </summary>
[Topic("ticket.state-changed")]
public sealed record TicketStateChanged(
    Guid TicketId, TicketState From, TicketState To, string Trigger, int Sequence) : IntegrationEvent, ITicketEvent;

/// <summary>
/// Opens a dispatch work item: route the ticket to an office. <see cref="OfficeCode"/> is set when a
/// supervisor directed it; <see cref="ByHand"/> puts it in the dispatchers' queue (a re-dispatch after a return).
/// </summary>
[Topic("dispatch.requested", 2)]
public sealed record DispatchRequested(
    Guid TicketId, Guid DispatchId, string Number, Category Category, Urgency Urgency, string RegionCode,
    string? OfficeCode, bool ByHand, string? Reason, string? SubCategory = null) : IntegrationEvent, ITicketEvent;

/// <summary>Opens a handling case at the office that signed for the ticket: first handling, a reopen (重办) or a reply sent back by review.</summary>
[Topic("handling.requested")]
public sealed record HandlingRequested(
    Guid TicketId, Guid CaseId, string Number, Guid AssignmentId, string OfficeCode, Urgency Urgency, int Reopens, string? Reason)
    : IntegrationEvent, ITicketEvent;

/// <summary>Opens a callback task: call the customer by <see cref="DueAt"/> and hear whether the reply resolved it.</summary>
[Topic("callback.requested", 2)]
public sealed record CallbackRequested(
    Guid TicketId, Guid CallbackTaskId, string Number, string? OfficeCode, string ReplyToCustomer, DateTimeOffset DueAt)
    : IntegrationEvent, ITicketEvent;

/// <summary>
/// A work item ended: done by its own step, withdrawn because the ticket moved elsewhere, or superseded
/// because the step its service reported could not be applied. Services refuse commands on closed items.
/// </summary>
[Topic("work-item.closed")]
public sealed record WorkItemClosed(Guid TicketId, Guid WorkItemId, WorkItemKind Kind, WorkItemOutcome Outcome, string Reason)
    : IntegrationEvent, ITicketEvent;

/// <summary>催办/升级: urgency went up (at any open state, without a change of state); supervisors are told.</summary>
[Topic("ticket.escalated")]
public sealed record TicketEscalated(Guid TicketId, string Number, Urgency From, Urgency To, string Reason, string EscalatedBy)
    : IntegrationEvent, ITicketEvent;
