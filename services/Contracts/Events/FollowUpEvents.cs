using System.Text.Json.Serialization;

namespace Ticketing.Contracts.Events;

/// <summary>办理结果: how far the office's handling resolved what the customer asked.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HandlingResult>))]
public enum HandlingResult { Resolved, PartlyResolved, CannotBeResolved }

/// <summary>
/// A co-handling office's part (协办意见) as the lead office completed the case: <see cref="Report"/> is null when the
/// office had not reported (the completion was forced by a supervisor).
/// </summary>
public sealed record CoHandlerPart(Guid AssignmentId, string OfficeCode, string? Report, DateTimeOffset? ReportedAt, string? ReportedBy);

/// <summary>
/// 办结: the office finished its handling case and wrote the reply for the customer. The result code, its explanation and
/// the co-handlers' parts are optional trailing members: v2 readers that do not know them ignore them.
/// </summary>
[Topic("handling.completed", 2)]
public sealed record HandlingCompleted(
    Guid TicketId, Guid CaseId, string OfficeCode, string ReplyToCustomer, string CompletedBy,
    HandlingResult? Result = null, string? ResultExplanation = null, IReadOnlyList<CoHandlerPart>? CoHandlerParts = null)
    : IntegrationEvent, ITicketEvent;

/// <summary>
/// 等待群众补充材料: the office set its handling case waiting on the customer (<see cref="Waiting"/> true) or took the
/// customer's reply (false). Supervision pauses the handling clock from <see cref="IntegrationEvent.OccurredAt"/> to the reply.
/// </summary>
[Topic("handling.waiting-changed")]
public sealed record HandlingWaitingChanged(Guid TicketId, Guid CaseId, string OfficeCode, bool Waiting, string Note, string ChangedBy)
    : IntegrationEvent, ITicketEvent;
