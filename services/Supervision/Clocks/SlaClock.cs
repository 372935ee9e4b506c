using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Supervision.Calendars;
using Ticketing.Supervision.Policies;

namespace Ticketing.Supervision.Clocks;

/// <summary>Running (or paused), stopped in time or late, or breached (kept when the work is done late).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClockStatus>))]
public enum ClockStatus { Running, Stopped, Breached }

/// <summary>The thresholds a clock has passed, each announced once: yellow and red warnings, then the breach.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClockStage>))]
public enum ClockStage { None, Yellow, Red, Breached }

/// <summary>How the work a clock timed ended: done, sent back (退回, counted against the office) or withdrawn by the workflow.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClockOutcome>))]
public enum ClockOutcome { Done, Returned, Withdrawn }

/// <summary>
/// An SLA clock on one of an office's work items, keyed by that item (an assignment, a handling case, a callback task),
/// so returns, re-dispatch and co-handling offices each have their own. It counts working time on the office's calendar
/// from the moment things happened (events' OccurredAt). Its schedule is (anchor, used, allowed): working time
/// <see cref="Used"/> up to <see cref="AnchoredAt"/>, <see cref="Allowed"/> in all; pauses, escalations and extensions
/// re-anchor it, so every threshold instant follows from those three. <see cref="NextDueAt"/> is the next instant the
/// tick has something to announce (indexed), null when nothing can come due.
/// </summary>
public sealed class SlaClock : IVersioned, IOfficeScoped
{
    public const string SignFor = "sign-for", Handling = "handling", Callback = "callback";

    /// <summary>Callback clocks belong to the hotline centre's agents, not to an office.</summary>
    public const string CallCentre = "CALL-CENTRE";

    public Guid Id { get; private set; }
    public Guid WorkItemId { get; private set; }

    /// <summary>The dispatch assignment the work belongs to: a sign-for clock's own, a handling case's; null for callbacks.</summary>
    public Guid? AssignmentId { get; private set; }

    public Guid TicketId { get; private set; }
    public string Number { get; private set; } = "";
    public string OfficeCode { get; private set; } = "";
    public string Kind { get; private set; } = Handling;
    public Category? Category { get; private set; }
    public Urgency Urgency { get; private set; }
    public ClockStatus Status { get; private set; }
    public ClockStage Stage { get; private set; }

    /// <summary>The calendar it counts on (<see cref="ClockCalendars.NaturalTime"/> for round the clock) and the zone it is read in.</summary>
    public string CalendarCode { get; private set; } = BusinessCalendar.DefaultCode;

    public string TimeZone { get; private set; } = BusinessCalendar.DefaultTimeZone;
    public int YellowPercent { get; private set; } = 75;
    public int RedPercent { get; private set; } = 90;
    public DateTimeOffset StartedAt { get; private set; }
    public TimeSpan Allowed { get; private set; }
    public TimeSpan Used { get; private set; }
    public DateTimeOffset AnchoredAt { get; private set; }
    public DateTimeOffset YellowAt { get; private set; }
    public DateTimeOffset RedAt { get; private set; }
    public DateTimeOffset Deadline { get; private set; }

    /// <summary>The deadline before the first approved extension, kept for reporting.</summary>
    public DateTimeOffset? OriginalDeadline { get; private set; }

    /// <summary>Waiting on the customer since then; no threshold comes due while paused.</summary>
    public DateTimeOffset? PausedAt { get; private set; }

    /// <summary>Working time spent waiting on the customer, all pauses together.</summary>
    public TimeSpan PausedTime { get; private set; }

    /// <summary>The last wait or reply applied, so a stale one that arrives late changes nothing.</summary>
    public DateTimeOffset? WaitingChangedAt { get; private set; }

    public DateTimeOffset? StoppedAt { get; private set; }
    public ClockOutcome? Outcome { get; private set; }
    public DateTimeOffset? BreachedAt { get; private set; }

    /// <summary>The highest supervision notice level issued (0: none) and when the next level is due.</summary>
    public int NoticeLevel { get; private set; }

    public DateTimeOffset? NextLevelAt { get; private set; }
    public DateTimeOffset? NextDueAt { get; private set; }

    /// <summary>How often the deadline was announced (sla.deadline-changed), so a subscriber can tell a stale announcement.</summary>
    public int DeadlineSequence { get; private set; }

    public int Version { get; set; }

    private SlaClock() { }

    public bool IsPaused => PausedAt is not null;
    public bool IsStopped => StoppedAt is not null;

    public static SlaClock Start(Guid workItemId, string kind, Guid ticketId, string number, string officeCode, Category? category, Urgency urgency,
        Policy policy, ClockCalendar calendar, DateTimeOffset startedAt, Guid? assignmentId = null)
    {
        var clock = new SlaClock
        {
            Id = Guid.NewGuid(), WorkItemId = workItemId, AssignmentId = assignmentId, Kind = kind, TicketId = ticketId, Number = number,
            OfficeCode = officeCode, Category = category, Urgency = urgency, Status = ClockStatus.Running, Stage = ClockStage.None,
            CalendarCode = calendar.Code, TimeZone = calendar.TimeZone, YellowPercent = policy.YellowPercent, RedPercent = policy.RedPercent,
            StartedAt = startedAt, AnchoredAt = startedAt, Allowed = policy.Limit(kind),
        };
        clock.Reschedule(calendar.Working, everything: true);
        return clock;
    }

    /// <summary>
    /// The deadline the office is held to now: none while paused (waiting on the customer, the deadline moves on by the
    /// wait, so the instant stored is not one anybody is due by) and none once the work ended.
    /// </summary>
    public DeadlineShown ShownDeadline() => new(IsPaused || IsStopped ? null : Deadline, IsPaused && !IsStopped, IsStopped);

    /// <summary>
    /// The announcement of the deadline as shown now, when it differs from <paramref name="before"/> (null: never announced,
    /// as on start); null when nothing the office sees changed. The tick never calls this: thresholds and notices leave
    /// the deadline where it is.
    /// </summary>
    public SlaDeadlineChanged? DeadlineChangedSince(DeadlineShown? before)
    {
        var now = ShownDeadline();
        if (before == now) return null;
        DeadlineSequence++;
        return new SlaDeadlineChanged(TicketId, WorkItemId, AssignmentId, OfficeCode, Kind, StartedAt, now.Deadline, now.Paused, now.Stopped,
            DeadlineSequence);
    }

    /// <summary>The working time used by <paramref name="at"/> (pauses excluded).</summary>
    public TimeSpan UsedBy(DateTimeOffset at, WorkingCalendar calendar)
    {
        var end = StoppedAt is { } stopped && stopped < at ? stopped : at;
        return IsPaused || end <= AnchoredAt ? Used : Used + calendar.WorkingTimeBetween(AnchoredAt, end);
    }

    /// <summary>等待群众: the office waits on the customer from <paramref name="at"/>; a wait at or after the deadline changes nothing.</summary>
    public bool Pause(DateTimeOffset at, WorkingCalendar calendar)
    {
        if (IsStopped || IsPaused || WaitingChangedAt >= at || at < AnchoredAt || at >= Deadline) return false;
        (Used, AnchoredAt, PausedAt, WaitingChangedAt) = (UsedBy(at, calendar), at, at, at);
        NextDueAt = Due();
        return true;
    }

    /// <summary>The customer replied at <paramref name="at"/>: the clock runs on with the working time it had left.</summary>
    public bool Resume(DateTimeOffset at, WorkingCalendar calendar)
    {
        if (IsStopped || PausedAt is not { } pausedAt || at < pausedAt) return false;
        PausedTime += calendar.WorkingTimeBetween(pausedAt, at);
        (PausedAt, AnchoredAt, WaitingChangedAt) = (null, at, at);
        Reschedule(calendar);
        return true;
    }

    /// <summary>
    /// 升级: urgency rose at <paramref name="at"/>. The time already used stands; what is left shrinks to the new urgency's
    /// limit less that (due at once if more has been used), never grows.
    /// </summary>
    public bool Escalate(Urgency to, Policy policy, DateTimeOffset at, WorkingCalendar calendar)
    {
        if (IsStopped || to <= Urgency) return false;
        Used = UsedBy(at, calendar);
        if (!IsPaused) AnchoredAt = at;
        Urgency = to;
        var limit = policy.Limit(Kind);
        if (limit < Allowed) Allowed = limit < Used ? Used : limit;
        Reschedule(calendar);
        return true;
    }

    /// <summary>
    /// An approved extension: the deadline moves to <paramref name="deadline"/>, the first one is kept for reporting.
    /// Returns true when a breach raised meanwhile falls away (the request was filed in time).
    /// </summary>
    public bool Extend(DateTimeOffset deadline, DateTimeOffset now, WorkingCalendar calendar)
    {
        OriginalDeadline ??= Deadline;
        if (!IsPaused) (Used, AnchoredAt) = (UsedBy(now, calendar), now);
        Allowed = Used + calendar.WorkingTimeBetween(IsPaused ? PausedAt!.Value : now, deadline);
        var breachWithdrawn = Status == ClockStatus.Breached && deadline > now;
        if (breachWithdrawn) WithdrawBreach();
        Reschedule(calendar);
        Deadline = deadline; // exactly as approved, even where it falls outside working hours
        NextDueAt = Due();
        return breachWithdrawn;
    }

    /// <summary>
    /// The work ended at <paramref name="at"/> (its OccurredAt); the earliest end counts, whichever event brings it, and a
    /// return (退回) is kept as the outcome whenever it arrives. Returns true when a breach already raised turns out wrong:
    /// the work was finished by the deadline.
    /// </summary>
    public bool Stop(DateTimeOffset at, ClockOutcome outcome, WorkingCalendar calendar)
    {
        if (outcome == ClockOutcome.Returned || Outcome is null) Outcome = outcome;
        if (StoppedAt is { } stopped && stopped <= at) return false;
        StoppedAt = at;
        NextLevelAt = null;
        var withdrawn = Status == ClockStatus.Breached && !FinishedLate;
        if (withdrawn) WithdrawBreach();
        if (Status == ClockStatus.Running) Status = ClockStatus.Stopped;
        NextDueAt = Due();
        return withdrawn;
    }

    /// <summary>Finished after the deadline, not while waiting on the customer (a wait starts only before the deadline).</summary>
    public bool FinishedLate => StoppedAt is { } stopped && stopped > Deadline && !IsPaused;

    /// <summary>
    /// The tick: announces the highest threshold passed by <paramref name="now"/>; earlier ones it skipped count as passed, so
    /// a late tick sends one warning or the breach, not a burst. Work that ended sends no more warnings, only a late finish's breach.
    /// </summary>
    public ClockStage? PassThreshold(DateTimeOffset now)
    {
        var reached = Stage;
        if (IsStopped)
        {
            if (FinishedLate && Outcome != ClockOutcome.Withdrawn && Deadline <= now) reached = ClockStage.Breached;
        }
        else
        {
            var until = IsPaused && PausedAt < now ? PausedAt.Value : now;
            reached = Deadline <= until ? ClockStage.Breached : RedAt <= until ? ClockStage.Red : YellowAt <= until ? ClockStage.Yellow : ClockStage.None;
        }
        if (reached <= Stage) { NextDueAt = Due(); return null; }
        Stage = reached;
        if (reached == ClockStage.Breached) (Status, BreachedAt) = (ClockStatus.Breached, now);
        NextDueAt = Due();
        return reached;
    }

    /// <summary>A notice went out at <paramref name="level"/>; the next level is due after <paramref name="interval"/> of working time.</summary>
    public void NoticeIssued(int level, DateTimeOffset now, TimeSpan interval, WorkingCalendar calendar)
    {
        NoticeLevel = level;
        NextLevelAt = level < 3 && !IsStopped ? calendar.AddWorkingTime(now, interval) : null;
        NextDueAt = Due();
    }

    /// <summary>Whether an office's notice should be issued or rise now: still overdue, not done, below level 3.</summary>
    public bool NoticeDue(DateTimeOffset now) =>
        OfficeCode != CallCentre && Status == ClockStatus.Breached && !IsStopped && (NoticeLevel == 0 || (NextLevelAt is { } next && next <= now && NoticeLevel < 3));

    public int PercentUsed(ClockStage stage) => stage == ClockStage.Yellow ? YellowPercent : RedPercent;

    private void WithdrawBreach()
    {
        Status = IsStopped ? ClockStatus.Stopped : ClockStatus.Running;
        Stage = ClockStage.Red; // warnings already sent stay sent
        BreachedAt = null;
        NoticeLevel = 0;
        NextLevelAt = null;
    }

    /// <summary>Recomputes the thresholds still ahead from (anchor, used, allowed); passed ones keep their instants.</summary>
    private void Reschedule(WorkingCalendar calendar, bool everything = false)
    {
        DateTimeOffset At(double share, DateTimeOffset kept)
        {
            var target = TimeSpan.FromTicks((long)(Allowed.Ticks * share));
            return target <= Used && !everything ? kept : calendar.AddWorkingTime(AnchoredAt, target - Used < TimeSpan.Zero ? TimeSpan.Zero : target - Used);
        }
        YellowAt = At(YellowPercent / 100.0, YellowAt);
        RedAt = At(RedPercent / 100.0, RedAt);
        Deadline = At(1, Deadline);
        NextDueAt = Due();
    }

    /// <summary>The next instant the tick has work on this clock, or null.</summary>
    private DateTimeOffset? Due()
    {
        if (IsStopped) return Stage < ClockStage.Breached && FinishedLate && Outcome != ClockOutcome.Withdrawn ? Deadline : null;
        var next = Stage switch
        {
            ClockStage.None => YellowAt,
            ClockStage.Yellow => RedAt,
            ClockStage.Red => Deadline,
            _ => NoticeLevel == 0 && OfficeCode != CallCentre ? BreachedAt : NextLevelAt, // the call centre's own clocks get no notices
        };
        return IsPaused && Stage < ClockStage.Breached && next > PausedAt ? null : next;
    }
}

/// <summary>What the office sees of a clock's deadline: the instant it is due by (none while paused or stopped).</summary>
public readonly record struct DeadlineShown(DateTimeOffset? Deadline, bool Paused, bool Stopped);

/// <summary>A clock's calendar as resolved for an office: its code and zone as stored, and the arithmetic.</summary>
public sealed record ClockCalendar(string Code, string TimeZone, WorkingCalendar Working);
