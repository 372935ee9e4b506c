using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;

namespace Ticketing.Reporting.Periods;

/// <summary>
/// A stretch of the hotline's time a report covers: from <see cref="StartsAt"/> (included) to <see cref="EndsAt"/> (not
/// included), both instants; events count in it by when they happened, never by when they reached this service.
/// </summary>
public sealed record ReportPeriod(string From, string To, string? Shift, DateTimeOffset StartsAt, DateTimeOffset EndsAt)
{
    public bool Holds(DateTimeOffset? at) => at is { } instant && instant >= StartsAt && instant < EndsAt;
}

/// <summary>A shift of the hotline's day (班次), in wall-clock time; one that ends at or before its start ends the next day.</summary>
public sealed record Shift(string Name, LocalTime Start, LocalTime End)
{
    public static readonly IReadOnlyList<Shift> Defaults =
    [
        new("day", new LocalTime(8, 0), new LocalTime(16, 0)),
        new("evening", new LocalTime(16, 0), LocalTime.Midnight),
        new("night", LocalTime.Midnight, new LocalTime(8, 0)),
    ];

    public (LocalDateTime Start, LocalDateTime End) On(LocalDate date) =>
        (date.At(Start), End > Start ? date.At(End) : date.PlusDays(1).At(End));
}

/// <summary>The hotline's calendar: turns the dates and shifts people ask for into instants, in the configured time zone.</summary>
public sealed class HotlineTime
{
    public const int MaxDays = 366;

    /// <summary>A weekly series spans at most half a year; each week is counted as its own office report.</summary>
    public const int MaxWeeks = 26, DefaultWeeks = 8;
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;

    public HotlineTime(IOptions<ReportingOptions> options)
    {
        var configured = options.Value;
        Zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(configured.TimeZone)
               ?? throw new InvalidOperationException($"Reporting:TimeZone '{configured.TimeZone}' is not an IANA time zone.");
        Shifts = configured.Shifts.Count == 0 ? Shift.Defaults : configured.Shifts.Select(Parse).ToList();
    }

    public DateTimeZone Zone { get; }

    public IReadOnlyList<Shift> Shifts { get; }

    /// <summary>
    /// The period of an office report: <paramref name="from"/> and <paramref name="to"/> (dates, to not included), or
    /// <paramref name="period"/> (day, week from Monday, month) holding <paramref name="date"/>.
    /// </summary>
    public ReportPeriod Between(string? from, string? to, string? period, string? date)
    {
        LocalDate start, end;
        if (!string.IsNullOrWhiteSpace(period))
        {
            var day = DateOf(date, nameof(date));
            (start, end) = period.Trim().ToLowerInvariant() switch
            {
                "day" => (day, day.PlusDays(1)),
                "week" => (day.PlusDays(-((int)day.DayOfWeek - 1)), day.PlusDays(-((int)day.DayOfWeek - 1)).PlusDays(7)),
                "month" => (new LocalDate(day.Year, day.Month, 1), new LocalDate(day.Year, day.Month, 1).PlusMonths(1)),
                _ => throw new DomainRuleException("Unknown period", new Phrase("period is day, week or month, not '{0}'.", Clip(period)),
                    StatusCodes.Status400BadRequest),
            };
        }
        else
        {
            if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
                throw new DomainRuleException("Say which period",
                    "Give from and to (dates such as 2026-11-01, to not included), or period (day, week or month) and date.",
                    StatusCodes.Status400BadRequest);
            (start, end) = (DateOf(from, nameof(from)), DateOf(to, nameof(to)));
            if (end <= start || Period.Between(start, end, PeriodUnits.Days).Days > MaxDays)
                throw new DomainRuleException("Bad period", new Phrase("'to' must come after 'from', and a report spans at most {0} days.", MaxDays),
                    StatusCodes.Status400BadRequest);
        }
        return new ReportPeriod(Date.Format(start), Date.Format(end), null, InstantOf(start.AtMidnight()), InstantOf(end.AtMidnight()));
    }

    /// <summary>
    /// The weeks of a weekly series, each from Monday: <paramref name="weeks"/> of them (<see cref="DefaultWeeks"/> unless
    /// said), the last holding <paramref name="date"/> (today in the hotline's time unless said).
    /// </summary>
    public IReadOnlyList<ReportPeriod> WeeksUpTo(int? weeks, string? date, DateTimeOffset now)
    {
        var count = weeks ?? DefaultWeeks;
        if (count is < 1 or > MaxWeeks)
            throw new DomainRuleException("Bad number of weeks", new Phrase("weeks is 1 to {0}, not {1}.", MaxWeeks, count),
                StatusCodes.Status400BadRequest);
        var day = string.IsNullOrWhiteSpace(date) ? Instant.FromDateTimeOffset(now).InZone(Zone).Date : DateOf(date, nameof(date));
        var lastMonday = day.PlusDays(-((int)day.DayOfWeek - 1));
        return Enumerable.Range(1 - count, count).Select(back => lastMonday.PlusWeeks(back))
            .Select(monday => new ReportPeriod(Date.Format(monday), Date.Format(monday.PlusWeeks(1)), null, InstantOf(monday.AtMidnight()),
                InstantOf(monday.PlusWeeks(1).AtMidnight())))
            .ToList();
    }

    /// <summary>The period of an agent report: a day, or one shift of it.</summary>
    public ReportPeriod DayOrShift(string? date, string? shift)
    {
        var day = DateOf(date, nameof(date));
        if (string.IsNullOrWhiteSpace(shift))
            return new ReportPeriod(Date.Format(day), Date.Format(day.PlusDays(1)), null, InstantOf(day.AtMidnight()), InstantOf(day.PlusDays(1).AtMidnight()));
        var known = Shifts.FirstOrDefault(s => s.Name.Equals(shift.Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? throw new DomainRuleException("Unknown shift", new Phrase("No shift is called '{0}'; the shifts are {1}.", Clip(shift),
                        string.Join(", ", Shifts.Select(s => s.Name))), StatusCodes.Status400BadRequest);
        var (start, end) = known.On(day);
        return new ReportPeriod(Date.Format(day), Date.Format(day.PlusDays(1)), known.Name, InstantOf(start), InstantOf(end));
    }

    private DateTimeOffset InstantOf(LocalDateTime local) => local.InZoneLeniently(Zone).ToDateTimeOffset().ToUniversalTime();

    private static LocalDate DateOf(string? text, string field)
    {
        var parsed = Date.Parse(text?.Trim() ?? "");
        return parsed.Success
            ? parsed.Value
            : throw new DomainRuleException("Not a date", new Phrase("{0}: '{1}' is not a date such as 2026-11-30.", field, Clip(text ?? "")),
                StatusCodes.Status400BadRequest);
    }

    private static Shift Parse(ShiftOptions shift) =>
        new(shift.Name, TimeOf(shift.Start, shift.Name), shift.End.Trim() == "24:00" ? LocalTime.Midnight : TimeOf(shift.End, shift.Name));

    private static LocalTime TimeOf(string text, string shift) =>
        LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text.Trim()) is { Success: true } parsed
            ? parsed.Value
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Reporting:Shifts '{shift}': '{text}' is not a time such as 08:00 (24:00 for midnight at its end)."));

    private static string Clip(string text) => text.Length > 30 ? text[..30] + "…" : text;
}
