using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Supervision.Data;

namespace Ticketing.Supervision.Calendars;

public sealed class CalendarOptions
{
    public const string Section = "Supervision:Calendars";

    /// <summary>The calendars a new database starts with; a relative path is read beside the service's binaries.</summary>
    public string File { get; set; } = "Calendars/calendars.json";

    /// <summary>How long a calendar is used from memory before it is read again, so an edit made through another instance arrives.</summary>
    public TimeSpan Refresh { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The calendars in memory, as every clock needs them: read from the database on first use, replaced at once when an
/// admin edits one through this instance, and read again after <see cref="CalendarOptions.Refresh"/>.
/// </summary>
public sealed class CalendarBook(TimeProvider clock, IOptions<CalendarOptions> options)
{
    private sealed record Held(WorkingCalendar Calendar, int Version, DateTimeOffset ReadAt);

    private readonly ConcurrentDictionary<string, Held> _held = new();

    /// <summary>The calendar with this code (any case), or null.</summary>
    public async ValueTask<WorkingCalendar?> FindAsync(SupervisionDbContext db, string code, CancellationToken cancellationToken)
    {
        code = BusinessCalendar.NormaliseCode(code);
        if (_held.TryGetValue(code, out var held) && clock.GetUtcNow() - held.ReadAt < options.Value.Refresh) return held.Calendar;
        var stored = await db.Calendars.AsNoTracking().Include(c => c.Years).FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (stored is not null) return Remember(stored);
        _held.TryRemove(code, out _);
        return null;
    }

    /// <summary>The calendar with this code, in <paramref name="timeZone"/> when one is named: 404 for an unknown calendar, 422 for an unknown zone.</summary>
    public async ValueTask<WorkingCalendar> RequireAsync(SupervisionDbContext db, string code, string? timeZone, CancellationToken cancellationToken)
    {
        var calendar = await FindAsync(db, code, cancellationToken) ?? throw new NotFoundException("Calendar", code);
        return timeZone is null ? calendar : calendar.InZone(TimeZones.Require(timeZone));
    }

    /// <summary>Holds a calendar as just saved; a slower read of an older version never replaces it.</summary>
    public WorkingCalendar Remember(BusinessCalendar calendar)
    {
        var fresh = new Held(calendar.ToWorkingCalendar(), calendar.Version, clock.GetUtcNow());
        return _held.AddOrUpdate(calendar.Code, fresh, (_, held) => held.Version > fresh.Version ? held : fresh).Calendar;
    }
}

/// <summary>Time zones by their IANA ids, from the tzdb that NodaTime ships (the same on every machine, whatever the OS has).</summary>
public static class TimeZones
{
    public static DateTimeZone Require(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim())
        ?? throw new DomainRuleException("Unknown time zone",
            $"'{id}' is not a time zone of the IANA tz database (tzdb {DateTimeZoneProviders.Tzdb.VersionId}); name one such as " +
            $"{BusinessCalendar.DefaultTimeZone} or Europe/Berlin.", StatusCodes.Status422UnprocessableEntity);
}
