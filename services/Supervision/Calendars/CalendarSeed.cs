using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Supervision.Data;

namespace Ticketing.Supervision.Calendars;

/// <summary>The calendars a new database starts with (<see cref="CalendarOptions.File"/>), each as an admin would create it.</summary>
public sealed record CalendarFile(IReadOnlyList<CalendarFile.Calendar> Calendars)
{
    public sealed record Calendar(string Code, string Name, string? TimeZone, WeekHoursView? WorkingHours, IReadOnlyList<AddCalendarYear>? Years);

    public static CalendarFile Load(CalendarOptions options)
    {
        var path = Path.IsPathRooted(options.File) ? options.File : Path.Combine(AppContext.BaseDirectory, options.File);
        using var stream = System.IO.File.OpenRead(path);
        return JsonSerializer.Deserialize<CalendarFile>(stream, EventJson.Incoming) ?? throw new InvalidOperationException($"{path} holds no calendars.");
    }

    /// <summary>By the same rules as the admin API, so a broken file stops start-up rather than a clock.</summary>
    public IEnumerable<BusinessCalendar> ToCalendars(DateTimeOffset now) => Calendars.Select(c =>
    {
        var calendar = BusinessCalendar.Create(c.Code, c.Name, TimeZones.Require(c.TimeZone ?? BusinessCalendar.DefaultTimeZone),
            c.WorkingHours?.ToWeekHours() ?? WeekHours.Standard, Source, now);
        foreach (var year in c.Years ?? []) calendar.AddYear(year.Year, year.Holidays, year.MakeUpWorkingDays ?? [], Source, now);
        return calendar;
    });

    /// <summary>Who the shipped calendars are recorded as coming from.</summary>
    public const string Source = "calendars.json";
}

/// <summary>
/// Seeds the shipped calendars (the default one with the State Council's schedule) into the database on its first
/// start only, once the migrations have run: from then on the admins' edits are what counts.
/// </summary>
public sealed class CalendarSeed(IServiceProvider services, IOptions<CalendarOptions> options, ILogger<CalendarSeed> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupervisionDbContext>();
        if (await db.Calendars.AnyAsync(cancellationToken)) return;
        var calendars = CalendarFile.Load(options.Value).ToCalendars(db.Clock.GetUtcNow()).ToList();
        db.Calendars.AddRange(calendars);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded calendars {Codes} from {File}", string.Join(", ", calendars.Select(c => c.Code)), options.Value.File);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another instance on the same database seeded them first
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
