using System.Collections.Frozen;
using NodaTime;

namespace Ticketing.Supervision.Calendars;

/// <summary>
/// Working-time arithmetic on a business calendar, pure and in memory, for the SLA clocks and anyone checking a
/// deadline: the working hours of each weekday, read on the wall clock of <see cref="Zone"/>, with the public
/// holidays (放假) and make-up working days (调休上班) of the years the calendar holds. A holiday has no working
/// time; a make-up day works the normal weekday hours; every other day, and every day of a year the calendar does
/// not hold, works its weekday's hours. On a day when daylight saving time starts or ends a period counts the time
/// that really passes (a period across the change is an hour shorter or longer). Both operations walk day by day.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly FrozenDictionary<LocalDate, bool> _exceptions; // true: a make-up working day; false: a holiday

    public WorkingCalendar(DateTimeZone zone, WeekHours hours, IEnumerable<LocalDate> holidays, IEnumerable<LocalDate> makeUpWorkingDays)
    {
        var exceptions = makeUpWorkingDays.ToDictionary(date => date, _ => true);
        foreach (var holiday in holidays) exceptions[holiday] = false; // BusinessCalendar never lets a date be both
        _exceptions = exceptions.ToFrozenDictionary();
        (Zone, Hours) = (zone, hours);
    }

    private WorkingCalendar(WorkingCalendar calendar, DateTimeZone zone) =>
        (_exceptions, Hours, Zone) = (calendar._exceptions, calendar.Hours, zone);

    public DateTimeZone Zone { get; }

    public WeekHours Hours { get; }

    /// <summary>The same hours and days on another clock: an office that keeps this calendar in its own time zone.</summary>
    public WorkingCalendar InZone(DateTimeZone zone) => zone.Equals(Zone) ? this : new WorkingCalendar(this, zone);

    /// <summary>The working periods of a date, earliest first: none on a holiday or a day off.</summary>
    public IReadOnlyList<WorkingPeriod> HoursOn(LocalDate date) => PeriodsOn(date);

    /// <summary>
    /// The earliest instant by which <paramref name="workingTime"/> of working time has passed since
    /// <paramref name="from"/>, at the calendar's offset then. A start outside working hours counts from the next
    /// working moment; time that runs out exactly at the end of a period ends there (Fri 17:00 + 60 min = Fri 18:00).
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        var start = Instant.FromDateTimeOffset(from);
        var left = Duration.FromTimeSpan(workingTime);
        if (left == Duration.Zero) return At(start);
        for (var date = start.InZone(Zone).Date; ; date = date.PlusDays(1))
        {
            var periods = PeriodsOn(date);
            if (periods.Length == 0) continue;
            var day = DayOf(date);
            foreach (var period in periods)
            {
                var (periodStart, periodEnd) = day.Bounds(period);
                if (periodEnd <= start) continue;
                var counting = periodStart > start ? periodStart : start;
                var available = periodEnd - counting;
                if (available >= left) return At(counting + left);
                left -= available;
            }
        }
    }

    /// <summary>The working time between two instants; negative when <paramref name="to"/> comes first.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from) return -WorkingTimeBetween(to, from);
        var (start, end) = (Instant.FromDateTimeOffset(from), Instant.FromDateTimeOffset(to));
        var total = Duration.Zero;
        var lastDate = end.InZone(Zone).Date;
        for (var date = start.InZone(Zone).Date; date <= lastDate; date = date.PlusDays(1))
        {
            var periods = PeriodsOn(date);
            if (periods.Length == 0) continue;
            var day = DayOf(date);
            foreach (var period in periods)
            {
                var (periodStart, periodEnd) = day.Bounds(period);
                var overlap = (periodEnd < end ? periodEnd : end) - (periodStart > start ? periodStart : start);
                if (overlap > Duration.Zero) total += overlap;
            }
        }
        return total.ToTimeSpan();
    }

    private WorkingPeriod[] PeriodsOn(LocalDate date) => _exceptions.TryGetValue(date, out var makeUpDay)
        ? makeUpDay ? Hours.MakeUpDay : []
        : Hours.On(date.DayOfWeek);

    private Day DayOf(LocalDate date)
    {
        var midnight = date.AtMidnight();
        var start = midnight.InZoneLeniently(Zone);
        var interval = Zone.GetZoneInterval(start.ToInstant());
        // Most days keep one offset from midnight to midnight: a period's bounds are then plain sums.
        var steady = start.LocalDateTime == midnight && (!interval.HasEnd || interval.End >= start.ToInstant() + Duration.FromDays(1));
        return new Day(Zone, midnight, steady ? start.ToInstant() : null);
    }

    /// <summary>
    /// A date on the calendar's clock. Where the offset changes within it, each bound is resolved on its own: a
    /// wall-clock time the change to summer time skips counts from the first moment after the gap, one the change
    /// back repeats from its first occurrence (NodaTime's lenient resolution).
    /// </summary>
    private readonly record struct Day(DateTimeZone Zone, LocalDateTime Midnight, Instant? SteadyMidnight)
    {
        public (Instant Start, Instant End) Bounds(WorkingPeriod period) => (At(period.Start), At(period.End));

        private Instant At(int minute) => SteadyMidnight is { } midnight
            ? midnight + Duration.FromMinutes(minute)
            : Midnight.PlusMinutes(minute).InZoneLeniently(Zone).ToInstant();
    }

    private DateTimeOffset At(Instant instant) => instant.InZone(Zone).ToDateTimeOffset();
}
