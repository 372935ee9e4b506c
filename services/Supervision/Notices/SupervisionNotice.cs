using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;

namespace Ticketing.Supervision.Notices;

[JsonConverter(typeof(JsonStringEnumConverter<NoticeStatus>))]
public enum NoticeStatus { Open, Acknowledged, Closed }

/// <summary>
/// 督办单: one per clock and level (unique), so a notice is issued once however many ticks see the breach. A higher level
/// closes the one below; the work's end (or a withdrawn breach) closes the open one.
/// </summary>
public sealed class SupervisionNotice : IVersioned, IOfficeScoped
{
    public const int LastLevel = 3;

    public Guid Id { get; private set; }
    public Guid ClockId { get; private set; }
    public Guid WorkItemId { get; private set; }
    public Guid TicketId { get; private set; }
    public string Number { get; private set; } = "";
    public string OfficeCode { get; private set; } = "";
    public string? ParentOfficeCode { get; private set; }
    public int Level { get; private set; }
    public NoticeStatus Status { get; private set; }
    public DateTimeOffset Deadline { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public string? AcknowledgementNote { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedReason { get; private set; }
    public int Version { get; set; }

    private SupervisionNotice() { }

    public bool SpecialistsNotified => Level == LastLevel;

    public static SupervisionNotice Issue(Guid clockId, Guid workItemId, Guid ticketId, string number, string officeCode, string? parentOfficeCode,
        int level, DateTimeOffset deadline, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), ClockId = clockId, WorkItemId = workItemId, TicketId = ticketId, Number = number, OfficeCode = officeCode,
        ParentOfficeCode = level == LastLevel ? parentOfficeCode : null, Level = level, Status = NoticeStatus.Open, Deadline = deadline, IssuedAt = now,
    };

    /// <summary>The office says it has seen the notice; 409 once it is closed or acknowledged.</summary>
    public void Acknowledge(string by, string note, DateTimeOffset now)
    {
        if (Status != NoticeStatus.Open)
            throw new DomainRuleException("Notice not open", $"Notice {Id} is {Status.ToString().ToLowerInvariant()}; only an open notice is acknowledged.");
        (Status, AcknowledgedAt, AcknowledgedBy, AcknowledgementNote) = (NoticeStatus.Acknowledged, now, by, note);
    }

    public void Close(string reason, DateTimeOffset now)
    {
        if (Status == NoticeStatus.Closed) return;
        (Status, ClosedAt, ClosedReason) = (NoticeStatus.Closed, now, reason);
    }
}

/// <summary>催办: a specialist or supervisor pressed the office about one of its clocks.</summary>
public sealed class Reminder : IOfficeScoped
{
    public const int TextLength = 500;

    public Guid Id { get; private set; }
    public Guid ClockId { get; private set; }
    public Guid TicketId { get; private set; }
    public string OfficeCode { get; private set; } = "";
    public string Text { get; private set; } = "";
    public string SentBy { get; private set; } = "";
    public DateTimeOffset SentAt { get; private set; }

    private Reminder() { }

    public static Reminder Send(Guid clockId, Guid ticketId, string officeCode, string text, string by, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), ClockId = clockId, TicketId = ticketId, OfficeCode = officeCode, Text = text, SentBy = by, SentAt = now,
    };
}
