using NodaTime;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;

namespace Ticketing.Supervision.Calendars;

/// <summary>
/// A business calendar as the admins keep it: the working hours of each weekday, the time zone they are read in
/// (unless an office names its own) and, per year, the public holidays and make-up working days the State Council
/// announces. <see cref="ToWorkingCalendar"/> is what the arithmetic runs on.
/// </summary>
public sealed class BusinessCalendar : IVersioned
{
    public const string DefaultCode = "default";
    public const string DefaultTimeZone = "Asia/Shanghai";
    public const int CodeLength = 40, NameLength = 100, TimeZoneLength = 64, ByLength = 100;

    private readonly List<CalendarYear> _years = [];

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>An IANA (tzdb) time zone id.</summary>
    public string TimeZone { get; private set; } = DefaultTimeZone;

    public WeekHours Hours { get; private set; } = WeekHours.Standard;
    public IReadOnlyList<CalendarYear> Years => _years;
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public int Version { get; set; }

    private BusinessCalendar() { }

    /// <summary>Codes are case-insensitive and kept in lower case, as the routes look them up.</summary>
    public static string NormaliseCode(string code) => code.Trim().ToLowerInvariant();

    public static BusinessCalendar Create(string code, string name, DateTimeZone zone, WeekHours hours, string by, DateTimeOffset now) => new()
    {
        Code = NormaliseCode(code),
        Name = name,
        TimeZone = zone.Id,
        Hours = hours,
        UpdatedAt = now,
        UpdatedBy = by,
    };

    /// <summary>Changes what is given and keeps the rest.</summary>
    public void Edit(string? name, DateTimeZone? zone, WeekHours? hours, string by, DateTimeOffset now)
    {
        Name = name ?? Name;
        TimeZone = zone?.Id ?? TimeZone;
        Hours = hours ?? Hours;
        Touch(by, now);
    }

    /// <summary>Adds a year's holidays and make-up working days; 409 if the calendar holds that year already.</summary>
    public CalendarYear AddYear(int year, IReadOnlyCollection<DateOnly> holidays, IReadOnlyCollection<DateOnly> makeUpWorkingDays, string by,
        DateTimeOffset now)
    {
        if (_years.Any(y => y.Year == year))
            throw new DomainRuleException("Year already held",
                $"Calendar '{Code}' holds {year} already; replace its days with PUT /calendars/{Code}/years/{year}.");
        CheckFits(year, holidays, makeUpWorkingDays);
        var added = CalendarYear.Of(Code, year, holidays, makeUpWorkingDays);
        _years.Add(added);
        Touch(by, now);
        return added;
    }

    /// <summary>Replaces the days of a year the calendar holds; 404 if it holds no such year.</summary>
    public CalendarYear ReplaceYear(int year, IReadOnlyCollection<DateOnly> holidays, IReadOnlyCollection<DateOnly> makeUpWorkingDays, string by,
        DateTimeOffset now)
    {
        var held = _years.FirstOrDefault(y => y.Year == year)
                   ?? throw new DomainRuleException("Year not held",
                       $"Calendar '{Code}' holds no {year}; add it with POST /calendars/{Code}/years.", StatusCodes.Status404NotFound);
        CheckFits(year, holidays, makeUpWorkingDays);
        held.Replace(holidays, makeUpWorkingDays);
        Touch(by, now);
        return held;
    }

    public WorkingCalendar ToWorkingCalendar() => new(DateTimeZoneProviders.Tzdb[TimeZone], Hours,
        _years.SelectMany(y => y.Holidays).Select(LocalDate.FromDateOnly),
        _years.SelectMany(y => y.MakeUpWorkingDays).Select(LocalDate.FromDateOnly));

    /// <summary>
    /// A date is a holiday or a make-up working day, never both: not within the year (422), nor against another year's
    /// list (a notice reaches into the December before its year). Dates outside the year's reach are 422 too.
    /// </summary>
    private void CheckFits(int year, IReadOnlyCollection<DateOnly> holidays, IReadOnlyCollection<DateOnly> makeUpWorkingDays)
    {
        var outside = holidays.Concat(makeUpWorkingDays).Where(date => !CalendarYear.Reaches(year, date)).Order().ToList();
        if (outside.Count > 0)
            throw new DomainRuleException("Date outside the year",
                $"{Dates(outside)} not in {year} (nor in the December before it).", StatusCodes.Status422UnprocessableEntity);

        var both = holidays.Intersect(makeUpWorkingDays).Order().ToList();
        if (both.Count > 0)
            throw new DomainRuleException("Holiday and make-up day overlap",
                $"{Dates(both)} listed both as a holiday and as a make-up working day of {year}; a date is one or the other.",
                StatusCodes.Status422UnprocessableEntity);

        foreach (var other in _years.Where(y => y.Year != year))
        {
            var clash = other.Holidays.Intersect(makeUpWorkingDays).Concat(other.MakeUpWorkingDays.Intersect(holidays)).Order().ToList();
            if (clash.Count > 0)
                throw new DomainRuleException("Holiday and make-up day overlap",
                    $"{Dates(clash)} already a {(other.Holidays.Contains(clash[0]) ? "holiday" : "make-up working day")} in this calendar's " +
                    $"{other.Year}, so {(clash.Count == 1 ? "it" : "they")} cannot be the opposite in {year}.",
                    StatusCodes.Status422UnprocessableEntity);
        }
    }

    private static string Dates(IReadOnlyList<DateOnly> dates) =>
        string.Join(", ", dates.Select(d => d.ToString("yyyy-MM-dd"))) + (dates.Count == 1 ? " is" : " are");

    private void Touch(string by, DateTimeOffset now) => (UpdatedBy, UpdatedAt) = (by, now);
}

/// <summary>One year of a calendar, as a State Council notice announces it (国务院办公厅关于部分节假日安排的通知).</summary>
public sealed class CalendarYear
{
    public const int FirstYear = 1990, LastYear = 2199, MaxDays = 366;

    public string CalendarCode { get; private set; } = "";
    public int Year { get; private set; }
    public List<DateOnly> Holidays { get; private set; } = [];
    public List<DateOnly> MakeUpWorkingDays { get; private set; } = [];

    private CalendarYear() { }

    internal static CalendarYear Of(string calendarCode, int year, IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkingDays)
    {
        var added = new CalendarYear { CalendarCode = calendarCode, Year = year };
        added.Replace(holidays, makeUpWorkingDays);
        return added;
    }

    internal void Replace(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkingDays) =>
        (Holidays, MakeUpWorkingDays) = ([.. holidays.Distinct().Order()], [.. makeUpWorkingDays.Distinct().Order()]);

    /// <summary>
    /// The dates a year's notice may name: its own, and the December before it, where a New Year holiday joined to
    /// a weekend (and the make-up day that pays for it) can begin.
    /// </summary>
    public static bool Reaches(int year, DateOnly date) => date.Year == year || (date.Year == year - 1 && date.Month == 12);
}
