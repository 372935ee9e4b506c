using Ticketing.BuildingBlocks.Access;
using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.Contracts;
using Ticketing.Dispatch.Data;

namespace Ticketing.Dispatch.Assignments;

/// <summary>
/// Assigned waits for the office; Signed and Returned are the office's answers; Reported is a co-handler's part done;
/// Withdrawn and Superseded are the workflow's: the ticket moved elsewhere first, or the office's answer could not take effect.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssignmentStatus>))]
public enum AssignmentStatus { Assigned, Signed, Returned, Withdrawn, Superseded, Reported }

/// <summary>主办 leads the work and completes it through follow-up; 协办 does a part and reports it here.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssignmentRole>))]
public enum AssignmentRole { Lead, CoHandler }

/// <summary>
/// 交办: a ticket sent to an office by one dispatch request, waiting to be signed for or returned. The lead office's
/// assignment moves the lifecycle; each co-handling office gets one of its own, tied to the lead's, which it signs
/// for and reports on without moving the lifecycle.
/// </summary>
public sealed class Assignment : IVersioned, IOfficeScoped
{
    public const int RoutingReasonLength = 300;
    public const int ReasonLength = 500;
    public const int ReportLength = 4000;

    /// <summary>Supervision's kind of a handling case's clock; the assignment's sign-for clock comes before it.</summary>
    public const string HandlingClock = "handling";

    public Guid Id { get; private set; }

    /// <summary>The workflow's dispatch request this assignment answered.</summary>
    public Guid DispatchId { get; private set; }

    public Guid TicketId { get; private set; }
    public string Number { get; private set; } = "";
    public Category Category { get; private set; }
    public Urgency Urgency { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string OfficeCode { get; private set; } = "";
    public AssignmentRole Role { get; private set; }

    /// <summary>A co-handler's part belongs to the lead office's assignment.</summary>
    public Guid? LeadAssignmentId { get; private set; }

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

    /// <summary>A co-handler's account of its part (协办意见), for the lead office to include in its reply.</summary>
    public string? Report { get; private set; }

    public DateTimeOffset? ReportedAt { get; private set; }
    public string? ReportedBy { get; private set; }

    /// <summary>Why the workflow withdrew or superseded it, shown to the office on the item.</summary>
    public string? ClosedReason { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>
    /// 时限: the deadline the office works to here, as supervision announces it (sla.deadline-changed): the sign-for clock's,
    /// then, once signed, the handling clock's (a reopen's after the first's). Null before any announcement, while the work
    /// waits on the customer (<see cref="DuePaused"/>) and once the work ended, was returned or withdrawn.
    /// </summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>The kind of clock <see cref="DueAt"/> comes from: sign-for or handling.</summary>
    public string? DueKind { get; private set; }

    public bool DuePaused { get; private set; }

    /// <summary>The clock (by its work item) the deadline comes from, when it started and the last of its announcements applied.</summary>
    public Guid? DueClockId { get; private set; }

    public DateTimeOffset? DueClockStartedAt { get; private set; }
    public int DueSequence { get; private set; }

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

    /// <summary>A co-handling office's part of the lead's work, routed alike.</summary>
    public Assignment CoHandledBy(string officeCode)
    {
        var part = Create(DispatchId, TicketId, Number, Category, Urgency, RegionCode, officeCode, RoutingReason, AssignedAt);
        part.Role = AssignmentRole.CoHandler;
        part.LeadAssignmentId = Id;
        return part;
    }

    public bool IsCoHandling => Role == AssignmentRole.CoHandler;

    public bool IsOpen => Status is AssignmentStatus.Assigned or AssignmentStatus.Signed;

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

    /// <summary>协办意见: a co-handling office that signed for its part reports what it did; the lead office completes the ticket.</summary>
    public void ReportPart(string officeCode, string report, string user, DateTimeOffset now)
    {
        if (!IsCoHandling)
            throw new DomainRuleException("Lead office completes",
                $"{OfficeCode} leads ticket {Number}: it reports through its handling case's completion, not here.", 409);
        if (!string.Equals(officeCode, OfficeCode, StringComparison.OrdinalIgnoreCase))
            throw new DomainRuleException("Not your assignment", $"Ticket {Number}'s part is {OfficeCode}'s; {officeCode} cannot report it.", 403);
        if (Status != AssignmentStatus.Signed)
            throw new DomainRuleException("Part not signed for",
                Status == AssignmentStatus.Assigned
                    ? $"{OfficeCode} signs for its part of ticket {Number} before it reports on it."
                    : $"{OfficeCode}'s part of ticket {Number} is {Status.ToString().ToLowerInvariant()}; it can no longer be reported.", 409);
        Status = AssignmentStatus.Reported;
        Report = report.Trim();
        ReportedAt = now;
        ReportedBy = user;
    }

    /// <summary>A co-handler's part ends with the lead's work (returned, withdrawn, superseded, or the ticket closed); false when it had ended.</summary>
    public bool WithdrawPart(string reason, DateTimeOffset now)
    {
        if (!IsCoHandling || !IsOpen) return false;
        Status = AssignmentStatus.Withdrawn;
        ClosedReason = EventText.Clip(reason, ReasonLength);
        ClosedAt = now;
        return true;
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

    /// <summary>
    /// Takes a clock's announced deadline (null: paused or stopped) unless it is stale: an earlier announcement of the clock
    /// shown, or a clock the shown one follows (the handling clock follows the sign-for clock, a later-started one an earlier
    /// one), as events of different clocks arrive in any order. False when it changed nothing.
    /// </summary>
    public bool TakeDeadline(DeadlineAnnouncement announced)
    {
        if (DueClockId == announced.ClockId ? announced.Sequence <= DueSequence : DueClockId is not null && !Follows(announced)) return false;
        (DueClockId, DueKind, DueClockStartedAt, DueSequence) = (announced.ClockId, announced.Kind, announced.StartedAt, announced.Sequence);
        (DueAt, DuePaused) = (announced.Deadline, announced.Paused);
        return true;
    }

    /// <summary>Whether <paramref name="other"/>'s clock comes after the one shown: handling after sign-for, then the later started.</summary>
    private bool Follows(DeadlineAnnouncement other) =>
        (Rank(other.Kind), other.StartedAt, other.ClockId).CompareTo((Rank(DueKind), DueClockStartedAt!.Value, DueClockId!.Value)) > 0;

    private static int Rank(string? clockKind) => clockKind == HandlingClock ? 1 : 0;

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
            AssignmentStatus.Reported => ("Part already reported", $"was reported on by {ReportedBy} at {ReportedAt:u}."),
            _ => ("Assignment superseded", $"was superseded at {ClosedAt:u}, so what the office did with it did not take effect: {ClosedReason}"),
        };
        throw new DomainRuleException(title, $"{officeCode} cannot {verb} ticket {Number} now: its assignment to {OfficeCode} {why}");
    }
}

/// <summary>One announcement of a clock on an assignment: its deadline now (null while paused or once stopped) and its place.</summary>
public sealed record DeadlineAnnouncement(Guid ClockId, string Kind, DateTimeOffset StartedAt, int Sequence, DateTimeOffset? Deadline, bool Paused);
