using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;

namespace Ticketing.Supervision.Extensions;

[JsonConverter(typeof(JsonStringEnumConverter<ExtensionStatus>))]
public enum ExtensionStatus { Pending, Approved, Denied }

/// <summary>延期申请: an office asks, before its deadline, for a later one on one of its clocks; a supervisor decides.</summary>
public sealed class ExtensionRequest : IVersioned, IOfficeScoped
{
    public const int ReasonLength = 500;

    public Guid Id { get; private set; }
    public Guid ClockId { get; private set; }
    public Guid WorkItemId { get; private set; }
    public Guid TicketId { get; private set; }
    public string OfficeCode { get; private set; } = "";
    public DateTimeOffset DeadlineThen { get; private set; }
    public DateTimeOffset WantedDeadline { get; private set; }
    public string Reason { get; private set; } = "";
    public string RequestedBy { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public ExtensionStatus Status { get; private set; }
    public DateTimeOffset? ApprovedDeadline { get; private set; }
    public string? DecisionNote { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public int Version { get; set; }

    private ExtensionRequest() { }

    public static ExtensionRequest File(Guid clockId, Guid workItemId, Guid ticketId, string officeCode, DateTimeOffset deadline,
        DateTimeOffset wanted, string reason, string by, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), ClockId = clockId, WorkItemId = workItemId, TicketId = ticketId, OfficeCode = officeCode, DeadlineThen = deadline,
        WantedDeadline = wanted, Reason = reason, RequestedBy = by, RequestedAt = now, Status = ExtensionStatus.Pending,
    };

    public void Approve(DateTimeOffset deadline, string note, string by, DateTimeOffset now)
    {
        EnsurePending();
        if (deadline <= DeadlineThen)
            throw new DomainRuleException("Deadline not later",
                $"An extension moves the deadline later than {DeadlineThen:u}; {deadline:u} is not.", StatusCodes.Status422UnprocessableEntity);
        (Status, ApprovedDeadline, DecisionNote, DecidedBy, DecidedAt) = (ExtensionStatus.Approved, deadline, note, by, now);
    }

    public void Deny(string reason, string by, DateTimeOffset now)
    {
        EnsurePending();
        (Status, DecisionNote, DecidedBy, DecidedAt) = (ExtensionStatus.Denied, reason, by, now);
    }

    private void EnsurePending()
    {
        if (Status != ExtensionStatus.Pending)
            throw new DomainRuleException("Already decided", $"Extension request {Id} was {Status.ToString().ToLowerInvariant()} by {DecidedBy}.");
    }
}
