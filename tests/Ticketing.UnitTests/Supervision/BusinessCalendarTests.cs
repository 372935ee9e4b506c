using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Json;
using Ticketing.Supervision.Calendars;
using Ticketing.Supervision.Data;

namespace Ticketing.UnitTests.Supervision;

/// <summary>The calendars as the admins keep them: their rules, their table, the seeding of a new database and the in-memory book.</summary>
public sealed class BusinessCalendarTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private static BusinessCalendar NewCalendar(string code = "test") => BusinessCalendar.Create(code, "测试", Shanghai, WeekHours.Standard, "admin1", Now);

    private static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_date_cannot_be_both_a_holiday_and_a_make_up_day_of_a_year()
    {
        var calendar = NewCalendar();
        var refused = Assert.Throws<DomainRuleException>(() => calendar.AddYear(2027, [D("2027-02-06"), D("2027-02-07")], [D("2027-02-07")], "admin1", Now));
        Assert.Equal((StatusCodes.Status422UnprocessableEntity, "Holiday and make-up day overlap"), (refused.StatusCode, refused.Title));
        Assert.Contains("2027-02-07", refused.Message);
        Assert.Empty(calendar.Years);
    }

    [Fact]
    public void Nor_the_opposite_of_what_another_year_made_it()
    {
        var calendar = NewCalendar();
        calendar.AddYear(2027, [D("2026-12-31"), D("2027-01-01")], [], "admin1", Now); // a notice may reach into the December before
        var refused = Assert.Throws<DomainRuleException>(() => calendar.AddYear(2026, [D("2026-10-01")], [D("2026-12-31")], "admin1", Now));
        Assert.Equal(StatusCodes.Status422UnprocessableEntity, refused.StatusCode);
        Assert.Contains("2026-12-31 is already a holiday in this calendar's 2027", refused.Message);
    }

    [Fact]
    public void A_years_dates_lie_in_that_year_or_the_december_before()
    {
        var calendar = NewCalendar();
        var refused = Assert.Throws<DomainRuleException>(() => calendar.AddYear(2027, [D("2026-11-30"), D("2028-01-01")], [], "admin1", Now));
        Assert.Equal(StatusCodes.Status422UnprocessableEntity, refused.StatusCode);
        Assert.Contains("2026-11-30, 2028-01-01 are not in 2027", refused.Message);
    }

    [Fact]
    public void A_year_is_added_once_and_replaced_after()
    {
        var calendar = NewCalendar();
        calendar.AddYear(2027, [D("2027-01-01")], [], "admin1", Now);
        var twice = Assert.Throws<DomainRuleException>(() => calendar.AddYear(2027, [D("2027-10-01")], [], "admin1", Now));
        Assert.Equal(StatusCodes.Status409Conflict, twice.StatusCode);
        Assert.Contains("PUT /calendars/test/years/2027", twice.Message);

        calendar.ReplaceYear(2027, [D("2027-10-01"), D("2027-01-01"), D("2027-01-01")], [D("2027-09-26")], "admin2", Now.AddDays(1));
        var year = Assert.Single(calendar.Years);
        Assert.Equal([D("2027-01-01"), D("2027-10-01")], year.Holidays); // in order, once each
        Assert.Equal(("admin2", Now.AddDays(1)), (calendar.UpdatedBy, calendar.UpdatedAt));
        Assert.Equal(StatusCodes.Status404NotFound,
            Assert.Throws<DomainRuleException>(() => calendar.ReplaceYear(2028, [], [], "admin1", Now)).StatusCode);
    }

    [Fact]
    public void An_unknown_time_zone_is_a_422_naming_it()
    {
        var refused = Assert.Throws<DomainRuleException>(() => TimeZones.Require("Mars/Olympus_Mons"));
        Assert.Equal((StatusCodes.Status422UnprocessableEntity, "Unknown time zone"), (refused.StatusCode, refused.Title));
        Assert.Contains("'Mars/Olympus_Mons' is not a time zone of the IANA tz database", refused.Message);
        Assert.Equal("Europe/Berlin", TimeZones.Require("Europe/Berlin").Id);
    }

    [Fact]
    public async Task A_calendar_and_its_years_round_trip_through_the_database()
    {
        using var database = new TestDatabase<SupervisionSqliteDbContext>();
        await using (var db = database.NewContext())
        {
            var calendar = BusinessCalendar.Create("Berlin-Office", "柏林", DateTimeZoneProviders.Tzdb["Europe/Berlin"],
                WeekHours.Parse("Mon 08:00-12:00 13:00-17:00; Sat 10:00-24:00"), "admin1", Now);
            calendar.AddYear(2026, [D("2026-12-25"), D("2026-12-26")], [D("2026-12-27")], "admin1", Now);
            db.Calendars.Add(calendar);
            await db.SaveChangesAsync();
        }
        await using (var db = database.NewContext())
        {
            var read = await db.Calendars.Include(c => c.Years).SingleAsync(c => c.Code == "berlin-office"); // codes are kept in lower case
            Assert.Equal(("Europe/Berlin", "Mon 08:00-12:00 13:00-17:00; Tue; Wed; Thu; Fri; Sat 10:00-24:00; Sun"), (read.TimeZone, read.Hours.ToString()));
            Assert.Equal([D("2026-12-25"), D("2026-12-26")], Assert.Single(read.Years).Holidays);
            Assert.Equal([D("2026-12-27")], read.Years[0].MakeUpWorkingDays);

            read.Edit(null, null, WeekHours.Standard, "admin2", Now.AddHours(1));
            read.AddYear(2027, [D("2027-01-01")], [], "admin2", Now.AddHours(1));
            await db.SaveChangesAsync();
            Assert.Equal(1, read.Version); // each save of the calendar counts up its version
        }
        await using (var db = database.NewContext())
        {
            var read = await db.Calendars.Include(c => c.Years).SingleAsync();
            Assert.Equal((WeekHours.Standard, "柏林"), (read.Hours, read.Name));
            Assert.Equal([2026, 2027], read.Years.Select(y => y.Year).Order());
        }
    }

    [Fact]
    public async Task A_new_database_gets_the_shipped_calendars_once_and_admin_edits_win_after()
    {
        using var database = new TestDatabase<SupervisionSqliteDbContext>();
        var services = new ServiceCollection().AddScoped<SupervisionDbContext>(_ => database.NewContext()).BuildServiceProvider();
        var seed = new CalendarSeed(services, Options.Create(new CalendarOptions()), NullLogger<CalendarSeed>.Instance);
        await seed.StartAsync(default);

        await using (var db = database.NewContext())
        {
            var seeded = await db.Calendars.Include(c => c.Years).SingleAsync();
            Assert.Equal((BusinessCalendar.DefaultCode, CalendarFile.Source, 2026), (seeded.Code, seeded.UpdatedBy, seeded.Years.Single().Year));
            seeded.Edit("改过的名字", null, WeekHours.Parse("Mon 08:00-17:00"), "admin1", Now);
            seeded.ReplaceYear(2026, [D("2026-01-01")], [], "admin1", Now);
            await db.SaveChangesAsync();
        }
        await seed.StartAsync(default); // the next start

        await using (var db = database.NewContext())
        {
            var kept = await db.Calendars.Include(c => c.Years).SingleAsync();
            Assert.Equal(("改过的名字", "admin1", 1), (kept.Name, kept.UpdatedBy, kept.Years.Single().Holidays.Count));
        }
    }

    [Fact]
    public async Task The_book_holds_a_calendar_in_memory_takes_this_instances_edits_at_once_and_another_instances_after_the_refresh()
    {
        using var database = new TestDatabase<SupervisionSqliteDbContext>();
        await using (var db = database.NewContext())
        {
            db.Calendars.Add(NewCalendar("office"));
            await db.SaveChangesAsync();
        }
        var book = new CalendarBook(database.Clock, Options.Create(new CalendarOptions { Refresh = TimeSpan.FromMinutes(1) }));
        var monday = new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.FromHours(8));
        async Task<DateTimeOffset> UntilAsync()
        {
            await using var db = database.NewContext();
            return (await book.RequireAsync(db, "OFFICE", null, default)).AddWorkingTime(monday, TimeSpan.FromHours(2));
        }
        Assert.Equal(monday.AddDays(1).AddHours(-7), await UntilAsync()); // Tue 10:00

        // Another instance makes Mondays run to 20:00: this one keeps its copy until the refresh is due.
        await using (var other = database.NewContext())
        {
            (await other.Calendars.Include(c => c.Years).SingleAsync()).Edit(null, null, WeekHours.Parse("Mon 09:00-20:00; Tue 09:00-18:00"), "admin1", Now);
            await other.SaveChangesAsync();
        }
        Assert.Equal(monday.AddDays(1).AddHours(-7), await UntilAsync());
        database.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(monday.AddHours(2), await UntilAsync());

        // An edit through this instance counts at once; a slower read of the older version does not undo it.
        await using (var db = database.NewContext())
        {
            var stale = await db.Calendars.AsNoTracking().Include(c => c.Years).SingleAsync();
            var calendar = await db.Calendars.Include(c => c.Years).SingleAsync();
            calendar.Edit(null, null, WeekHours.Parse("Mon 09:00-17:30; Tue 13:00-18:00"), "admin1", Now);
            await db.SaveChangesAsync();
            book.Remember(calendar);
            book.Remember(stale);
        }
        Assert.Equal(monday.AddHours(21.5), await UntilAsync()); // Monday 17:00–17:30, then Tuesday from 13:00: 14:30

        await using (var db = database.NewContext())
        {
            Assert.Null(await book.FindAsync(db, "nowhere", default));
            var missing = await Assert.ThrowsAsync<NotFoundException>(async () => await book.RequireAsync(db, "nowhere", null, default));
            Assert.Equal(StatusCodes.Status404NotFound, missing.StatusCode);
            await Assert.ThrowsAsync<DomainRuleException>(async () => await book.RequireAsync(db, "office", "Not/AZone", default));
        }
    }

    [Theory]
    [InlineData("""{"from":"2026-02-13T17:00:00+08:00","minutes":120}""", true)]
    [InlineData("""{"from":"2026-02-13T09:00:00Z","minutes":120}""", true)]
    [InlineData("""{"from":"2026-02-13T17:00+08:00","minutes":120}""", true)]
    [InlineData("""{"from":"2026-02-13T17:00:00","minutes":120}""", false)] // no offset: no instant
    [InlineData("""{"from":"2026-02-13","minutes":120}""", false)]
    [InlineData("""{"from":"tomorrow","minutes":120}""", false)]
    [InlineData("""{"from":1771000000,"minutes":120}""", false)]
    public void An_instant_is_read_only_with_its_offset(string body, bool readable)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        RequestJson.Apply(options);
        if (readable) Assert.Equal(new DateTimeOffset(2026, 2, 13, 9, 0, 0, TimeSpan.Zero), JsonSerializer.Deserialize<AddWorkingTime>(body, options)!.From);
        else Assert.Contains("ISO-8601 instant with its offset", Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AddWorkingTime>(body, options)).Message);
    }

    [Fact]
    public void The_validators_answer_bad_minutes_instants_and_hours_with_400_messages()
    {
        var from = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var add = new AddWorkingTimeValidator();
        Assert.True(add.Validate(new AddWorkingTime(from, 0)).IsValid);
        Assert.Contains(add.Validate(new AddWorkingTime(from, -1)).Errors, e => e.PropertyName == "Minutes");
        Assert.Contains(add.Validate(new AddWorkingTime(from, WorkingTimeLimits.MaxMinutes + 1)).Errors, e => e.PropertyName == "Minutes");
        Assert.Contains(add.Validate(new AddWorkingTime(DateTimeOffset.MaxValue, 1)).Errors, e => e.PropertyName == "From");
        Assert.Contains(add.Validate(new AddWorkingTime(from, 1, "")).Errors, e => e.PropertyName == "TimeZone");
        Assert.Contains(new MeasureWorkingTimeValidator().Validate(new MeasureWorkingTime(from, from.AddMinutes(-1))).Errors, e => e.PropertyName == "To");

        var hours = new CreateCalendarValidator().Validate(new CreateCalendar("x", "X", WorkingHours: new WeekHoursView(
            Monday: ["09:00-12:00", "11:00-13:00"], Tuesday: ["9-5"])));
        Assert.Contains(hours.Errors, e => e.PropertyName.EndsWith("monday") && e.ErrorMessage.Contains("overlap"));
        Assert.Contains(hours.Errors, e => e.PropertyName.EndsWith("tuesday") && e.ErrorMessage.Contains("'9-5'"));
        Assert.Contains(new CreateCalendarValidator().Validate(new CreateCalendar("x", "X", WorkingHours: new WeekHoursView())).Errors,
            e => e.ErrorMessage.Contains("At least one day"));
        Assert.Contains(new CreateCalendarValidator().Validate(new CreateCalendar("no spaces", "X")).Errors, e => e.PropertyName == "Code");
        Assert.False(new EditCalendarValidator().Validate(new EditCalendar()).IsValid);
    }
}
