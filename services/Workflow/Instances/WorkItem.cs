using System.Text.Json.Serialization;
using Ticketing.Contracts;

namespace Ticketing.Workflow.Instances;

[JsonConverter(typeof(JsonStringEnumConverter<WorkItemStatus>))]
public enum WorkItemStatus { Open, Done, Withdrawn, Superseded }

/// <summary>
/// A piece of work the ticket's state asks for (design.md §2), under the id the service that does it keeps
/// it by. Open while the ticket is in the state that opened it.
/// </summary>
public sealed class WorkItem
{
    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public WorkItemKind Kind { get; private set; }
    public WorkItemStatus Status { get; private set; }
    public TicketState OpenedIn { get; private set; }
    public string? OfficeCode { get; private set; }
    public bool ByHand { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? DueAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedReason { get; private set; }

    private WorkItem() { }

    public static WorkItem Open(Guid id, Guid ticketId, WorkItemKind kind, TicketState state, string? officeCode, bool byHand, string? note,
        DateTimeOffset now, DateTimeOffset? dueAt = null) => new()
    {
        Id = id,
        TicketId = ticketId,
        Kind = kind,
        Status = WorkItemStatus.Open,
        OpenedIn = state,
        OfficeCode = officeCode,
        ByHand = byHand,
        Note = note,
        OpenedAt = now,
        DueAt = dueAt,
    };

    /// <summary>A step its service reported arrived after the ticket had moved on: kept for the record, never open.</summary>
    public static WorkItem SupersededOnArrival(Guid id, Guid ticketId, WorkItemKind kind, TicketState state, string? officeCode,
        string reason, DateTimeOffset now) => new()
    {
        Id = id,
        TicketId = ticketId,
        Kind = kind,
        Status = WorkItemStatus.Superseded,
        OpenedIn = state,
        OfficeCode = officeCode,
        OpenedAt = now,
        ClosedAt = now,
        ClosedReason = reason,
    };

    public bool IsOpen => Status == WorkItemStatus.Open;

    public void Close(WorkItemStatus outcome, string reason, DateTimeOffset now)
    {
        Status = outcome;
        ClosedAt ??= now;
        ClosedReason = reason;
    }

    public WorkItemOutcome Outcome => Status switch
    {
        WorkItemStatus.Done => WorkItemOutcome.Done,
        WorkItemStatus.Superseded => WorkItemOutcome.Superseded,
        _ => WorkItemOutcome.Withdrawn,
    };
}
