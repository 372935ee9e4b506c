using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using FluentValidation;
using NodaTime;
using Ticketing.BuildingBlocks.Validation;

namespace Ticketing.Supervision.Calendars;

/// <summary>
/// Working hours by day of the week, each day a list of periods such as <c>"09:00-12:00"</c> (24-hour clock, 24:00 the
/// latest end). In a request a day left out has no working hours.
/// </summary>
public sealed record WeekHoursView(
    IReadOnlyList<string>? Monday = null, IReadOnlyList<string>? Tuesday = null, IReadOnlyList<string>? Wednesday = null,
    IReadOnlyList<string>? Thursday = null, IReadOnlyList<string>? Friday = null, IReadOnlyList<string>? Saturday = null,
    IReadOnlyList<string>? Sunday = null)
{
    public IEnumerable<(IsoDayOfWeek Day, IReadOnlyList<string> Periods)> Days() =>
        new[] { Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday }
            .Select((periods, i) => ((IsoDayOfWeek)(i + 1), periods ?? []));

    /// <summary>Once validated.</summary>
    public WeekHours ToWeekHours() =>
        new(Days().ToDictionary(d => d.Day, IReadOnlyList<WorkingPeriod> (d) => d.Periods.Select(WorkingPeriod.Parse).ToList()));

    public static WeekHoursView Of(WeekHours hours)
    {
        IReadOnlyList<string> On(IsoDayOfWeek day) => hours.On(day).Select(p => p.ToString()).ToList();
        return new(On(IsoDayOfWeek.Monday), On(IsoDayOfWeek.Tuesday), On(IsoDayOfWeek.Wednesday), On(IsoDayOfWeek.Thursday),
            On(IsoDayOfWeek.Friday), On(IsoDayOfWeek.Saturday), On(IsoDayOfWeek.Sunday));
    }
}

public sealed record CalendarYearView(int Year, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> MakeUpWorkingDays);

public sealed record CalendarView(string Code, string Name, string TimeZone, WeekHoursView WorkingHours, IReadOnlyList<CalendarYearView> Years,
    DateTimeOffset UpdatedAt, string UpdatedBy, int Version)
{
    public static CalendarView Of(BusinessCalendar c) => new(c.Code, c.Name, c.TimeZone, WeekHoursView.Of(c.Hours),
        c.Years.OrderBy(y => y.Year).Select(y => new CalendarYearView(y.Year, y.Holidays, y.MakeUpWorkingDays)).ToList(),
        c.UpdatedAt, c.UpdatedBy, c.Version);
}

public sealed record CalendarSummary(string Code, string Name, string TimeZone, IReadOnlyList<int> Years);

/// <summary>A new calendar; the time zone defaults to Asia/Shanghai and the hours to Monday–Friday 09:00–12:00 and 13:30–18:00.</summary>
public sealed record CreateCalendar(
    [property: StringLength(BusinessCalendar.CodeLength)] string Code,
    [property: StringLength(BusinessCalendar.NameLength)] string Name,
    [property: StringLength(BusinessCalendar.TimeZoneLength)] string? TimeZone = null,
    WeekHoursView? WorkingHours = null);

/// <summary>What to change; what is left out stays. New working hours replace the whole week.</summary>
public sealed record EditCalendar(
    [property: StringLength(BusinessCalendar.NameLength)] string? Name = null,
    [property: StringLength(BusinessCalendar.TimeZoneLength)] string? TimeZone = null,
    WeekHoursView? WorkingHours = null);

/// <summary>A year's public holidays (放假) and make-up working days (调休上班), each a date such as "2026-02-15".</summary>
public sealed record AddCalendarYear(int Year, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly>? MakeUpWorkingDays = null);

/// <summary>The new days of a year the calendar holds; they replace the old ones.</summary>
public sealed record ReplaceCalendarYear(IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly>? MakeUpWorkingDays = null);

/// <summary>
/// <paramref name="From"/> plus <paramref name="Minutes"/> of working time; <paramref name="TimeZone"/> reads the calendar on
/// another clock (an office's own zone, e.g. Europe/Berlin).
/// </summary>
public sealed record AddWorkingTime(
    [property: JsonConverter(typeof(InstantJson))] DateTimeOffset From,
    int Minutes,
    [property: StringLength(BusinessCalendar.TimeZoneLength)] string? TimeZone = null);

public sealed record WorkingTimeAdded(DateTimeOffset Until);

/// <summary>The working time from <paramref name="From"/> to <paramref name="To"/>, optionally on another clock.</summary>
public sealed record MeasureWorkingTime(
    [property: JsonConverter(typeof(InstantJson))] DateTimeOffset From,
    [property: JsonConverter(typeof(InstantJson))] DateTimeOffset To,
    [property: StringLength(BusinessCalendar.TimeZoneLength)] string? TimeZone = null);

/// <summary>Whole minutes of working time, rounded down.</summary>
public sealed record WorkingTimeMeasured(long Minutes);

/// <summary>Limits that keep the arithmetic in range: instants from 1900 to 2199, at most a million minutes (about nine working years).</summary>
public static class WorkingTimeLimits
{
    public const int MaxMinutes = 1_000_000;
    public static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IRuleBuilderOptions<T, DateTimeOffset> WithinRange<T>(this IRuleBuilder<T, DateTimeOffset> rule) =>
        rule.Must(instant => instant >= Earliest && instant < Latest).WithMessage("'{PropertyName}' must fall in the years 1900 to 2199.");

    public static IRuleBuilderOptions<T, string?> TimeZoneId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(BusinessCalendar.TimeZoneLength).SingleLine();
}

public sealed class AddWorkingTimeValidator : AbstractValidator<AddWorkingTime>
{
    public AddWorkingTimeValidator()
    {
        RuleFor(r => r.From).WithinRange();
        RuleFor(r => r.Minutes).InclusiveBetween(0, WorkingTimeLimits.MaxMinutes);
        RuleFor(r => r.TimeZone).TimeZoneId().When(r => r.TimeZone is not null);
    }
}

public sealed class MeasureWorkingTimeValidator : AbstractValidator<MeasureWorkingTime>
{
    public MeasureWorkingTimeValidator()
    {
        RuleFor(r => r.From).WithinRange();
        RuleFor(r => r.To).WithinRange().GreaterThanOrEqualTo(r => r.From).WithMessage("'To' must not come before 'From'.");
        RuleFor(r => r.TimeZone).TimeZoneId().When(r => r.TimeZone is not null);
    }
}

public sealed class WeekHoursValidator : AbstractValidator<WeekHoursView>
{
    public WeekHoursValidator() => RuleFor(w => w).Custom((week, context) =>
    {
        if (week.Days().All(d => d.Periods.Count == 0)) context.AddFailure("workingHours", "At least one day of the week needs working hours.");
        foreach (var (day, texts) in week.Days())
        {
            var name = day.ToString().ToLowerInvariant();
            if (texts.Count > WeekHours.MaxPeriodsPerDay) context.AddFailure(name, $"'{name}' has more than {WeekHours.MaxPeriodsPerDay} periods.");
            var periods = new List<WorkingPeriod>();
            foreach (var text in texts)
                if (WorkingPeriod.TryParse(text, out var period)) periods.Add(period);
                else context.AddFailure(name, $"'{Shorten(text)}' is not a working period such as 09:00-12:00 (24-hour clock, start before end, 24:00 at the latest).");
            if (WeekHours.Overlap([.. periods.OrderBy(p => p.Start)]) is { } overlap) context.AddFailure(name, $"{overlap}.");
        }
    });

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}

public sealed class CreateCalendarValidator : AbstractValidator<CreateCalendar>
{
    public CreateCalendarValidator()
    {
        RuleFor(r => r.Code).NotEmpty().MaximumLength(BusinessCalendar.CodeLength).Matches("^[A-Za-z0-9][A-Za-z0-9-]*$")
            .WithMessage("'Code' must be letters, digits and hyphens, starting with a letter or digit (e.g. default, sfs-xc).");
        RuleFor(r => r.Name).NotEmpty().MaximumLength(BusinessCalendar.NameLength).SingleLine();
        RuleFor(r => r.TimeZone).TimeZoneId().When(r => r.TimeZone is not null);
        RuleFor(r => r.WorkingHours!).SetValidator(new WeekHoursValidator()).When(r => r.WorkingHours is not null);
    }
}

public sealed class EditCalendarValidator : AbstractValidator<EditCalendar>
{
    public EditCalendarValidator()
    {
        RuleFor(r => r).Must(r => r.Name is not null || r.TimeZone is not null || r.WorkingHours is not null).WithName("body")
            .WithMessage("Give what to change: name, timeZone or workingHours.");
        RuleFor(r => r.Name).NotEmpty().MaximumLength(BusinessCalendar.NameLength).SingleLine().When(r => r.Name is not null);
        RuleFor(r => r.TimeZone).TimeZoneId().When(r => r.TimeZone is not null);
        RuleFor(r => r.WorkingHours!).SetValidator(new WeekHoursValidator()).When(r => r.WorkingHours is not null);
    }
}

/// <summary>A year's lists are not too long; whether their dates fit the year is the calendar's rule (422).</summary>
public static class CalendarYearRules
{
    public static void YearDays<T>(this AbstractValidator<T> validator, Func<T, IReadOnlyList<DateOnly>> holidays,
        Func<T, IReadOnlyList<DateOnly>?> makeUpWorkingDays)
    {
        validator.RuleFor(r => holidays(r).Count).LessThanOrEqualTo(CalendarYear.MaxDays).OverridePropertyName("holidays");
        validator.RuleFor(r => (makeUpWorkingDays(r) ?? Array.Empty<DateOnly>()).Count).LessThanOrEqualTo(CalendarYear.MaxDays)
            .OverridePropertyName("makeUpWorkingDays");
    }
}

public sealed class AddCalendarYearValidator : AbstractValidator<AddCalendarYear>
{
    public AddCalendarYearValidator()
    {
        RuleFor(r => r.Year).InclusiveBetween(CalendarYear.FirstYear, CalendarYear.LastYear);
        this.YearDays(r => r.Holidays, r => r.MakeUpWorkingDays);
    }
}

public sealed class ReplaceCalendarYearValidator : AbstractValidator<ReplaceCalendarYear>
{
    public ReplaceCalendarYearValidator() => this.YearDays(r => r.Holidays, r => r.MakeUpWorkingDays);
}
