using System.Text.RegularExpressions;
using NodaTime;

namespace Ticketing.Supervision.Calendars;

/// <summary>
/// One stretch of working time in a day as the office's wall clock shows it, in minutes since local midnight;
/// <see cref="End"/> may be 24:00. Written <c>09:00-12:00</c>.
/// </summary>
public readonly partial record struct WorkingPeriod
{
    public const int EndOfDay = 24 * 60;

    public WorkingPeriod(int start, int end)
    {
        if (start < 0 || end > EndOfDay || start >= end)
            throw new ArgumentOutOfRangeException(nameof(start), $"A working period runs forward within one day (00:00 to 24:00), not {Clock(start)}-{Clock(end)}.");
        (Start, End) = (start, end);
    }

    public int Start { get; }
    public int End { get; }

    public static bool TryParse(string? text, out WorkingPeriod period)
    {
        period = default;
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success) return false;
        int Minutes(int group) => int.Parse(match.Groups[group].Value) * 60 + int.Parse(match.Groups[group + 1].Value);
        var (start, end) = (Minutes(1), Minutes(3));
        if (start >= EndOfDay || end > EndOfDay || start >= end) return false;
        period = new WorkingPeriod(start, end);
        return true;
    }

    public static WorkingPeriod Parse(string text) => TryParse(text, out var period)
        ? period
        : throw new FormatException($"'{text}' is not a working period such as 09:00-12:00 (24-hour clock, start before end, 24:00 at the latest).");

    public override string ToString() => $"{Clock(Start)}-{Clock(End)}";

    private static string Clock(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";

    [GeneratedRegex(@"^([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")]
    private static partial Regex Pattern();
}

/// <summary>
/// The working hours of each day of the week. A make-up working day (调休上班) works the normal weekday hours,
/// <see cref="MakeUpDay"/>: those of the first day from Monday on that has any.
/// </summary>
public sealed class WeekHours : IEquatable<WeekHours>
{
    /// <summary>Enough for any office; keeps the stored week within its column.</summary>
    public const int MaxPeriodsPerDay = 8;

    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    private readonly WorkingPeriod[][] _days; // Monday first, as IsoDayOfWeek counts

    public WeekHours(IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>> days)
    {
        _days = new WorkingPeriod[7][];
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            var periods = days.TryGetValue(day, out var given) ? given.OrderBy(p => p.Start).ToArray() : [];
            if (Overlap(periods) is { } overlap) throw new ArgumentException($"{day}: {overlap}.", nameof(days));
            if (periods.Length > MaxPeriodsPerDay) throw new ArgumentException($"{day}: more than {MaxPeriodsPerDay} periods.", nameof(days));
            _days[(int)day - 1] = periods;
        }
        MakeUpDay = _days.FirstOrDefault(periods => periods.Length > 0)
                    ?? throw new ArgumentException("At least one day of the week needs working hours.", nameof(days));
    }

    /// <summary>Monday to Friday 09:00–12:00 and 13:30–18:00, the usual hours of a government office.</summary>
    public static WeekHours Standard { get; } = new(Enumerable.Range(1, 5).ToDictionary(day => (IsoDayOfWeek)day,
        IReadOnlyList<WorkingPeriod> (_) => [WorkingPeriod.Parse("09:00-12:00"), WorkingPeriod.Parse("13:30-18:00")]));

    /// <summary>The periods of a day of the week, earliest first; none on a day off.</summary>
    public WorkingPeriod[] On(IsoDayOfWeek day) => _days[(int)day - 1];

    /// <summary>What a make-up working day works: the normal weekday hours.</summary>
    public WorkingPeriod[] MakeUpDay { get; }

    /// <summary>Why these periods cannot make a day (earliest first): the first two that overlap, or null.</summary>
    public static string? Overlap(IReadOnlyList<WorkingPeriod> periods)
    {
        for (var i = 1; i < periods.Count; i++)
            if (periods[i].Start < periods[i - 1].End) return $"{periods[i - 1]} and {periods[i]} overlap";
        return null;
    }

    /// <summary>As stored: <c>Mon 09:00-12:00 13:30-18:00; …; Sat; Sun</c>.</summary>
    public override string ToString() => string.Join("; ", Enumerable.Range(0, 7)
        .Select(i => string.Join(' ', _days[i].Select(p => p.ToString()).Prepend(DayNames[i]))));

    public static WeekHours Parse(string text)
    {
        var days = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var index = Array.IndexOf(DayNames, words[0]);
            if (index < 0) throw new FormatException($"'{words[0]}' is not a day of the week ({string.Join(", ", DayNames)}).");
            days[(IsoDayOfWeek)(index + 1)] = words.Skip(1).Select(WorkingPeriod.Parse).ToList();
        }
        return new WeekHours(days);
    }

    public bool Equals(WeekHours? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as WeekHours);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
