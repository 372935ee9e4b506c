using NodaTime;
using Ticketing.Supervision.Calendars;

namespace Ticketing.UnitTests.Supervision;

/// <summary>
/// Working-time arithmetic on the shipped default calendar (Asia/Shanghai, Mon–Fri 09:00–12:00 and 13:30–18:00, the
/// State Council's 2026 holidays and make-up days), with exact instants, and on the same calendar in a zone with summer time.
/// </summary>
public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Default = CalendarFile.Load(new CalendarOptions()).ToCalendars(DateTimeOffset.UnixEpoch)
        .Single(c => c.Code == BusinessCalendar.DefaultCode).ToWorkingCalendar();

    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The instant with the offset it carries, so the calendar's offset is checked too.</summary>
    private static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    private static string Add(WorkingCalendar calendar, string from, int minutes) => Iso(calendar.AddWorkingTime(At(from), TimeSpan.FromMinutes(minutes)));

    private static double Between(WorkingCalendar calendar, string from, string to) => calendar.WorkingTimeBetween(At(from), At(to)).TotalMinutes;

    [Theory]
    [InlineData("2026-03-02T11:30:00+08:00", 60, "2026-03-02T14:00:00+08:00")] // Monday: 30 before lunch, 30 after
    [InlineData("2026-03-02T11:30:00+08:00", 30, "2026-03-02T12:00:00+08:00")] // runs out as lunch starts: ends there
    [InlineData("2026-03-02T12:15:00+08:00", 10, "2026-03-02T13:40:00+08:00")] // asked during lunch: counts from 13:30
    [InlineData("2026-03-02T09:00:00+08:00", 450, "2026-03-02T18:00:00+08:00")] // a whole working day is 7.5 hours
    [InlineData("2026-03-02T09:00:00+08:00", 451, "2026-03-03T09:01:00+08:00")]
    public void Lunch_is_not_working_time(string from, int minutes, string until) => Assert.Equal(until, Add(Default, from, minutes));

    [Fact]
    public void A_weekend_is_skipped()
    {
        Assert.Equal("2026-03-09T10:00:00+08:00", Add(Default, "2026-03-06T17:00:00+08:00", 120)); // Fri 17:00 → Mon 10:00
        Assert.Equal(120, Between(Default, "2026-03-06T17:00:00+08:00", "2026-03-09T10:00:00+08:00"));
        Assert.Equal(0, Between(Default, "2026-03-07T00:00:00+08:00", "2026-03-09T00:00:00+08:00"));
    }

    [Fact]
    public void A_make_up_saturday_works_the_normal_weekday_hours()
    {
        Assert.Equal("2026-02-14T10:00:00+08:00", Add(Default, "2026-02-13T17:00:00+08:00", 120)); // Fri 17:00 → Sat 2026-02-14 10:00
        Assert.Equal(450, Between(Default, "2026-02-14T00:00:00+08:00", "2026-02-15T00:00:00+08:00"));
        Assert.Equal(450, Between(Default, "2026-02-28T00:00:00+08:00", "2026-03-01T00:00:00+08:00")); // the other one after the festival
        Assert.Equal(0, Between(Default, "2026-03-07T00:00:00+08:00", "2026-03-08T00:00:00+08:00")); // an ordinary Saturday
    }

    [Fact]
    public void A_make_up_sunday_works_too()
    {
        Assert.Equal("2026-09-20T09:30:00+08:00", Add(Default, "2026-09-18T17:30:00+08:00", 60)); // Fri 30 min, Sat off, Sun 2026-09-20 from 09:00
        Assert.Equal(450, Between(Default, "2026-09-20T00:00:00+08:00", "2026-09-21T00:00:00+08:00"));
    }

    [Fact]
    public void The_spring_festival_block_is_skipped_whole()
    {
        // The make-up Saturday before it, then nine days off (Feb 15–23), then Tuesday Feb 24.
        Assert.Equal("2026-02-24T10:00:00+08:00", Add(Default, "2026-02-14T17:00:00+08:00", 120));
        Assert.Equal("2026-02-24T09:30:00+08:00", Add(Default, "2026-02-18T10:00:00+08:00", 30)); // asked during the holiday
        Assert.Equal(120, Between(Default, "2026-02-14T17:00:00+08:00", "2026-02-24T10:00:00+08:00"));
        Assert.Equal(0, Between(Default, "2026-02-15T00:00:00+08:00", "2026-02-24T00:00:00+08:00"));
    }

    [Fact]
    public void Year_end_runs_into_new_year_and_beyond_the_years_held_days_are_plain_weekdays()
    {
        // 2025 is not held: Wed 2025-12-31 is a plain working day; Jan 1–3 2026 are holidays; Sun Jan 4 is a make-up day.
        Assert.Equal("2026-01-04T10:00:00+08:00", Add(Default, "2025-12-31T17:00:00+08:00", 120));
        Assert.Equal(120, Between(Default, "2025-12-31T17:00:00+08:00", "2026-01-04T10:00:00+08:00"));
        // 2027 is not held either: Fri 2027-01-01 counts as the Friday it is.
        Assert.Equal("2027-01-01T10:00:00+08:00", Add(Default, "2026-12-31T17:00:00+08:00", 120));
    }

    [Theory]
    [InlineData("2026-03-07T03:00:00+08:00", 30, "2026-03-09T09:30:00+08:00")] // Saturday night → Monday
    [InlineData("2026-03-02T19:00:00+08:00", 30, "2026-03-03T09:30:00+08:00")] // after hours → next morning
    [InlineData("2026-03-02T08:00:00+08:00", 30, "2026-03-02T09:30:00+08:00")] // before hours → that morning
    [InlineData("2026-10-03T12:00:00+08:00", 30, "2026-10-08T09:30:00+08:00")] // National Day → the 8th
    [InlineData("2026-03-07T03:00:00+08:00", 0, "2026-03-07T03:00:00+08:00")] // nothing to add: the start itself
    [InlineData("2026-03-02T01:00:00Z", 60, "2026-03-02T10:00:00+08:00")] // a UTC start answers on the calendar's offset
    public void A_start_inside_a_non_working_period_counts_from_the_next_working_moment(string from, int minutes, string until) =>
        Assert.Equal(until, Add(Default, from, minutes));

    [Fact]
    public void Working_time_between_instants_outside_working_hours_and_in_either_order()
    {
        Assert.Equal(30, Between(Default, "2026-03-07T03:00:00+08:00", "2026-03-09T09:30:00+08:00"));
        Assert.Equal(-30, Between(Default, "2026-03-09T09:30:00+08:00", "2026-03-07T03:00:00+08:00"));
        Assert.Equal(0, Between(Default, "2026-03-02T12:05:00+08:00", "2026-03-02T13:25:00+08:00")); // within lunch
        Assert.Equal(5 * 450, Between(Default, "2026-03-02T00:00:00+08:00", "2026-03-09T00:00:00+08:00")); // one ordinary week
        Assert.Equal(0.5, Between(Default, "2026-03-02T09:00:00+08:00", "2026-03-02T09:00:30+08:00"));
    }

    [Fact]
    public void Adding_and_measuring_agree_over_a_year_of_starts()
    {
        for (var start = At("2026-01-01T00:00:00+08:00"); start.Year == 2026; start = start.AddMinutes(397)) // odd steps hit every kind of moment
        {
            var until = Default.AddWorkingTime(start, TimeSpan.FromMinutes(1000));
            Assert.Equal(1000, Default.WorkingTimeBetween(start, until).TotalMinutes);
            Assert.True(Default.WorkingTimeBetween(start, until.AddSeconds(-1)).TotalMinutes < 1000, $"{Iso(start)} → {Iso(until)} is not the earliest");
        }
    }

    [Fact]
    public void An_office_in_europe_berlin_keeps_the_calendar_on_its_own_clock_across_both_summer_time_changes()
    {
        var berlin = Default.InZone(Berlin);
        // Summer time starts on Sunday 2026-03-29: Friday is +01:00, Monday +02:00, and the weekend is no working time either way.
        Assert.Equal("2026-03-30T10:00:00+02:00", Add(berlin, "2026-03-27T17:00:00+01:00", 120));
        Assert.Equal(120, Between(berlin, "2026-03-27T17:00:00+01:00", "2026-03-30T10:00:00+02:00"));
        // It ends on Sunday 2026-10-25: Friday +02:00, Monday +01:00.
        Assert.Equal("2026-10-26T10:00:00+01:00", Add(berlin, "2026-10-23T17:00:00+02:00", 120));
        Assert.Equal(120, Between(berlin, "2026-10-23T17:00:00+02:00", "2026-10-26T10:00:00+01:00"));
        // The calendar's days are Berlin's dates: Saturday 2026-02-14 is a make-up day there too.
        Assert.Equal("2026-02-14T10:00:00+01:00", Add(berlin, "2026-02-13T17:00:00+01:00", 120));
        Assert.Equal("2026-02-14T17:00:00+08:00", Add(Default, "2026-02-14T10:00:00+01:00", 0)); // the same instant on the calendar's own clock
    }

    [Fact]
    public void Working_hours_across_a_summer_time_change_count_the_time_that_really_passes()
    {
        var allDay = IReadOnlyList<WorkingPeriod> (IsoDayOfWeek _) => [new WorkingPeriod(0, WorkingPeriod.EndOfDay)];
        var roundTheClock = new WorkingCalendar(Berlin, new WeekHours(Enum.GetValues<IsoDayOfWeek>().Skip(1).ToDictionary(d => d, allDay)), [], []);
        Assert.Equal(47 * 60, Between(roundTheClock, "2026-03-28T00:00:00+01:00", "2026-03-30T00:00:00+02:00"));
        Assert.Equal(49 * 60, Between(roundTheClock, "2026-10-24T00:00:00+02:00", "2026-10-26T00:00:00+01:00"));
        Assert.Equal("2026-03-29T03:30:00+02:00", Add(roundTheClock, "2026-03-29T01:30:00+01:00", 60)); // 02:00–03:00 never happens
        Assert.Equal("2026-10-25T02:30:00+01:00", Add(roundTheClock, "2026-10-25T02:30:00+02:00", 60)); // 02:30 happens twice

        // A Sunday shift 01:00–04:00 is two hours on the day the clocks skip 02:00–03:00, four on the day they repeat it.
        var sundayNights = new WorkingCalendar(Berlin, new WeekHours(new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>>
            { [IsoDayOfWeek.Sunday] = [WorkingPeriod.Parse("01:00-04:00")] }), [], []);
        Assert.Equal(120, Between(sundayNights, "2026-03-28T00:00:00+01:00", "2026-03-30T00:00:00+02:00"));
        Assert.Equal(240, Between(sundayNights, "2026-10-24T00:00:00+02:00", "2026-10-26T00:00:00+01:00"));
        Assert.Equal(180, Between(sundayNights, "2026-03-21T00:00:00+01:00", "2026-03-23T00:00:00+01:00")); // an ordinary Sunday
    }

    [Fact]
    public void The_shipped_default_calendar_holds_the_2026_notice()
    {
        var calendar = CalendarFile.Load(new CalendarOptions()).ToCalendars(DateTimeOffset.UnixEpoch).Single();
        Assert.Equal((BusinessCalendar.DefaultCode, BusinessCalendar.DefaultTimeZone, WeekHours.Standard), (calendar.Code, calendar.TimeZone, calendar.Hours));
        var year = Assert.Single(calendar.Years);
        Assert.Equal(2026, year.Year);
        Assert.Equal(3 + 9 + 3 + 5 + 3 + 3 + 7, year.Holidays.Count);
        Assert.Equal(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
            year.MakeUpWorkingDays.Select(d => d.ToString("yyyy-MM-dd")));
        Assert.All(year.MakeUpWorkingDays, d => Assert.True(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
        Assert.Equal(["09:00-12:00", "13:30-18:00"], Default.HoursOn(new LocalDate(2026, 10, 10)).Select(p => p.ToString())); // make-up Saturday
        Assert.Empty(Default.HoursOn(new LocalDate(2026, 10, 7)));
    }

    [Fact]
    public void A_make_up_day_works_the_hours_of_the_first_working_weekday()
    {
        var tuesdayToSaturday = new WeekHours(new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>>
        {
            [IsoDayOfWeek.Tuesday] = [WorkingPeriod.Parse("08:00-16:00")],
            [IsoDayOfWeek.Saturday] = [WorkingPeriod.Parse("10:00-12:00")],
        });
        var calendar = new WorkingCalendar(DateTimeZoneProviders.Tzdb["Asia/Shanghai"], tuesdayToSaturday, [], [new LocalDate(2026, 3, 8)]);
        Assert.Equal(["08:00-16:00"], calendar.HoursOn(new LocalDate(2026, 3, 8)).Select(p => p.ToString()));
    }

    [Fact]
    public void Week_hours_are_stored_as_one_readable_line_and_read_back()
    {
        Assert.Equal("Mon 09:00-12:00 13:30-18:00; Tue 09:00-12:00 13:30-18:00; Wed 09:00-12:00 13:30-18:00; " +
                     "Thu 09:00-12:00 13:30-18:00; Fri 09:00-12:00 13:30-18:00; Sat; Sun", WeekHours.Standard.ToString());
        var late = WeekHours.Parse("Sat 18:00-24:00; Sun 00:00-06:00");
        Assert.Equal(late, WeekHours.Parse(late.ToString()));
        Assert.Equal("Mon; Tue; Wed; Thu; Fri; Sat 18:00-24:00; Sun 00:00-06:00", late.ToString());
    }

    [Theory]
    [InlineData("12:00-09:00")]
    [InlineData("09:00-09:00")]
    [InlineData("24:00-24:00")]
    [InlineData("09:00-24:30")]
    [InlineData("9:00-12:00")]
    [InlineData("09:60-12:00")]
    [InlineData("09:00–12:00")] // an en dash
    public void A_working_period_runs_forward_within_one_day(string text) => Assert.False(WorkingPeriod.TryParse(text, out _));

    [Fact]
    public void A_week_needs_working_hours_and_periods_that_do_not_overlap()
    {
        Assert.Throws<ArgumentException>(() => new WeekHours(new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>>()));
        var overlap = Assert.Throws<ArgumentException>(() => WeekHours.Parse("Mon 09:00-12:00 11:00-13:00"));
        Assert.Contains("09:00-12:00 and 11:00-13:00 overlap", overlap.Message);
        Assert.Equal(WeekHours.Parse("Mon 09:00-12:00 12:00-13:00").ToString(), WeekHours.Parse("Mon 12:00-13:00 09:00-12:00").ToString());
    }

    [Fact]
    public void Adding_negative_working_time_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Default.AddWorkingTime(At("2026-03-02T09:00:00+08:00"), TimeSpan.FromMinutes(-1)));

    [Fact]
    public void The_largest_request_the_api_allows_stays_in_range() =>
        Assert.True(Default.AddWorkingTime(WorkingTimeLimits.Latest.AddDays(-1), TimeSpan.FromMinutes(WorkingTimeLimits.MaxMinutes)).Year < 2215);
}
