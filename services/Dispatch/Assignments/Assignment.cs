using Ticketing.BuildingBlocks.Access;
using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.Contracts;
using Ticketing.Dispatch.Data;

namespace Ticketing.Dispatch.Assignments;

/// <summary>
/// Assigned waits for the office; Signed and Returned are the office's answers; Withdrawn and Superseded are the
/// workflow's: the ticket moved elsewhere first, or the office's answer could not take effect.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssignmentStatus>))]
public enum AssignmentStatus { Assigned, Signed, Returned, Withdrawn, Superseded }

/// <summary>交办: a ticket sent to its lead office (主办) by one dispatch request, waiting to be signed for or returned.</summary>
public sealed class Assignment : IVersioned, IOfficeScoped
{
    public const int RoutingReasonLength = 300;
    public const int ReasonLength = 500;

    public Guid Id { get; private set; }

    /// <summary>The workflow's dispatch request this assignment answered.</summary>
    public Guid DispatchId { get; private set; }

    public Guid TicketId { get; private set; }
    public string Number { get; private set; } = "";
    public Category Category { get; private set; }
    public Urgency Urgency { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string OfficeCode { get; private set; } = "";
    public string RoutingReason { get; private set; } = "";
    public AssignmentStatus Status { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }
    public string? SignedBy { get; private set; }
    public string? ReturnReason { get; private set; }

    /// <summary>The cause the office picked from the fixed list; returns from before the codes existed carry Other.</summary>
    public ReturnReason? ReturnReasonCode { get; private set; }

    public DateTimeOffset? ReturnedAt { get; private set; }
    public string? ReturnedBy { get; private set; }

    /// <summary>Why the workflow withdrew or superseded it, shown to the office on the item.</summary>
    public string? ClosedReason { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }
    public int Version { get; set; }

    private Assignment() { }

    public static Assignment Create(Guid dispatchId, Guid ticketId, string number, Category category, Urgency urgency, string regionCode,
        string officeCode, string routingReason, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        DispatchId = dispatchId,
        TicketId = ticketId,
        Number = number,
        Category = category,
        Urgency = urgency,
        RegionCode = regionCode,
        OfficeCode = officeCode,
        RoutingReason = routingReason,
        Status = AssignmentStatus.Assigned,
        AssignedAt = now,
    };

    /// <summary>签收: the office takes the work.</summary>
    public void SignFor(string officeCode, string user, DateTimeOffset now)
    {
        EnsureOpenTo(officeCode, "sign for");
        Status = AssignmentStatus.Signed;
        SignedAt = now;
        SignedBy = user;
    }

    /// <summary>退回: the office sends the work back with a reason code and its own words, for re-dispatch.</summary>
    public void Return(string officeCode, ReturnReason code, string reason, string user, DateTimeOffset now)
    {
        EnsureOpenTo(officeCode, "return");
        if (!Enum.IsDefined(code))
            throw new DomainRuleException("Unknown return reason",
                new Phrase("Ticket {0} can be returned only with one of: {1}.", Number, string.Join(", ", Enum.GetNames<ReturnReason>())), 422);
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainRuleException("Return needs a reason",
                new Phrase("Ticket {0} can be returned only with a reason the dispatchers can act on.", Number), 422);
        Status = AssignmentStatus.Returned;
        ReturnReasonCode = code;
        ReturnReason = reason.Trim();
        ReturnedAt = now;
        ReturnedBy = user;
    }

    /// <summary>
    /// The workflow closed this work item. Withdrawn ends it only while it still waits on the office; Superseded
    /// ends it whatever the office did, because that answer did not take effect. False when nothing changed.
    /// </summary>
    public bool Close(WorkItemOutcome outcome, string reason, DateTimeOffset now)
    {
        var closed = outcome switch
        {
            WorkItemOutcome.Withdrawn when Status == AssignmentStatus.Assigned => AssignmentStatus.Withdrawn,
            WorkItemOutcome.Superseded when Status is not (AssignmentStatus.Withdrawn or AssignmentStatus.Superseded) => AssignmentStatus.Superseded,
            _ => (AssignmentStatus?)null,
        };
        if (closed is null) return false;
        Status = closed.Value;
        ClosedReason = EventText.Clip(reason, ReasonLength);
        ClosedAt = now;
        return true;
    }

    /// <summary>Only the office it was sent to acts on it (403), and only while it waits on that office (409).</summary>
    private void EnsureOpenTo(string officeCode, string verb)
    {
        if (!string.Equals(officeCode, OfficeCode, StringComparison.OrdinalIgnoreCase))
            throw new DomainRuleException("Not your assignment",
                $"Ticket {Number} is assigned to {OfficeCode}; {officeCode} cannot {verb} it.", 403);
        if (Status == AssignmentStatus.Assigned) return;
        var (title, why) = Status switch
        {
            AssignmentStatus.Signed => ("Already signed for", $"was signed for by {SignedBy} at {SignedAt:u}."),
            AssignmentStatus.Returned => ("Already returned", $"was returned by {ReturnedBy} at {ReturnedAt:u}: {ReturnReason}"),
            AssignmentStatus.Withdrawn => ("Assignment withdrawn", $"was withdrawn at {ClosedAt:u}: {ClosedReason}"),
            _ => ("Assignment superseded", $"was superseded at {ClosedAt:u}, so what the office did with it did not take effect: {ClosedReason}"),
        };
        throw new DomainRuleException(title, $"{officeCode} cannot {verb} ticket {Number} now: its assignment to {OfficeCode} {why}");
    }
}
