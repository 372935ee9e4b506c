using System.Collections.Concurrent;
using NodaTime;
using Ticketing.Contracts.Queries;
using Ticketing.Supervision.Calendars;
using Ticketing.Supervision.Data;
using Ticketing.Supervision.Policies;

namespace Ticketing.Supervision.Clocks;

/// <summary>
/// The offices as dispatch keeps them (parent, calendar, time zone), asked through <see cref="IDispatchApi"/> and held
/// for <see cref="Refresh"/>; when dispatch cannot be asked, an office counts on the default calendar in Asia/Shanghai
/// and its parent is read from its code (SFS-DC-DH → SFS-DC).
/// </summary>
public sealed class OfficeDirectory(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OfficeDirectory> logger)
{
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private (IReadOnlyDictionary<string, OfficeView> Offices, DateTimeOffset ReadAt)? _held;
    private DateTimeOffset _failedAt = DateTimeOffset.MinValue;

    public async ValueTask<OfficeView> FindAsync(string officeCode, CancellationToken cancellationToken)
    {
        var offices = await OfficesAsync(cancellationToken);
        return offices.TryGetValue(officeCode, out var office) ? office : new OfficeView(officeCode, officeCode, ParentByCode(officeCode));
    }

    private async ValueTask<IReadOnlyDictionary<string, OfficeView>> OfficesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_held is { } held && now - held.ReadAt < Refresh) return held.Offices;
        if (now - _failedAt < RetryAfterFailure) return _held?.Offices ?? new Dictionary<string, OfficeView>();
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (_held is { } again && now - again.ReadAt < Refresh) return again.Offices;
            await using var scope = scopes.CreateAsyncScope();
            var api = scope.ServiceProvider.GetService<IDispatchApi>();
            if (api is null) return new Dictionary<string, OfficeView>();
            var offices = (await api.GetOfficesAsync(cancellationToken)).ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase);
            _held = (offices, now);
            return offices;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _failedAt = now;
            logger.LogWarning(exception, "Dispatch could not be asked for the offices; clocks count on the calendars known so far or the default");
            return _held?.Offices ?? new Dictionary<string, OfficeView>();
        }
        finally
        {
            _reading.Release();
        }
    }

    private static string? ParentByCode(string code) => code.LastIndexOf('-') is > 0 and var cut ? code[..cut] : null;
}

/// <summary>The calendar a clock counts on: the office's (in its zone), the default, or round the clock for natural time.</summary>
public sealed class ClockCalendars(CalendarBook book, OfficeDirectory offices)
{
    /// <summary>The code clocks carry when they count round the clock (自然时).</summary>
    public const string NaturalTime = "natural-time";

    private static readonly WorkingCalendar RoundTheClock = new(DateTimeZoneProviders.Tzdb[BusinessCalendar.DefaultTimeZone],
        new WeekHours(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)
            .ToDictionary(d => d, IReadOnlyList<WorkingPeriod> (_) => [new WorkingPeriod(0, WorkingPeriod.EndOfDay)])), [], []);

    private readonly ConcurrentDictionary<(string, string), WorkingCalendar> _missing = new();

    public async ValueTask<ClockCalendar> ForOfficeAsync(SupervisionDbContext db, string officeCode, Policy policy, CancellationToken cancellationToken)
    {
        if (policy.NaturalTime) return new ClockCalendar(NaturalTime, BusinessCalendar.DefaultTimeZone, RoundTheClock);
        var office = officeCode == SlaClock.CallCentre ? null : await offices.FindAsync(officeCode, cancellationToken);
        var code = string.IsNullOrWhiteSpace(office?.CalendarCode) ? BusinessCalendar.DefaultCode : BusinessCalendar.NormaliseCode(office.CalendarCode);
        var zone = string.IsNullOrWhiteSpace(office?.TimeZone) ? null : office.TimeZone.Trim();
        var calendar = await ForAsync(db, code, zone, cancellationToken);
        return new ClockCalendar(code, calendar.Zone.Id, calendar);
    }

    /// <summary>The calendar a clock was started on; a calendar since removed falls back to the default, a zone unknown to its own.</summary>
    public ValueTask<WorkingCalendar> ForClockAsync(SupervisionDbContext db, SlaClock clock, CancellationToken cancellationToken) =>
        ForKeptAsync(db, clock.CalendarCode, clock.TimeZone, cancellationToken);

    /// <summary>The calendar a clock keeps by code and zone.</summary>
    public ValueTask<WorkingCalendar> ForKeptAsync(SupervisionDbContext db, string code, string timeZone, CancellationToken cancellationToken) =>
        code == NaturalTime ? ValueTask.FromResult(RoundTheClock) : ForAsync(db, code, timeZone, cancellationToken);

    private async ValueTask<WorkingCalendar> ForAsync(SupervisionDbContext db, string code, string? zoneId, CancellationToken cancellationToken)
    {
        var calendar = await book.FindAsync(db, code, cancellationToken)
                       ?? await book.FindAsync(db, BusinessCalendar.DefaultCode, cancellationToken)
                       ?? _missing.GetOrAdd((BusinessCalendar.DefaultCode, ""), _ =>
                           new WorkingCalendar(DateTimeZoneProviders.Tzdb[BusinessCalendar.DefaultTimeZone], WeekHours.Standard, [], []));
        var zone = zoneId is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        return zone is null ? calendar : calendar.InZone(zone);
    }
}
