using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Supervision.Clocks;
using Ticketing.Supervision.Data;

namespace Ticketing.Supervision.Views;

public sealed record BreachesByOffice(string OfficeCode, int Breaches, int Returns, int Finished, int FinishedInTime);

public sealed record AgingBucket(string Bucket, int Clocks);

/// <summary>The complaint specialists' views (call-centre roles; office staff see their own offices' rows).</summary>
public static class ViewEndpoints
{
    private const int MaxDueSoon = 500;

    /// <summary>How long open work has been overdue (wall-clock days), as the aging view buckets it.</summary>
    private static readonly (string Name, TimeSpan From, TimeSpan To)[] Buckets =
    [
        ("overdue under 1 day", TimeSpan.Zero, TimeSpan.FromDays(1)),
        ("overdue 1-3 days", TimeSpan.FromDays(1), TimeSpan.FromDays(3)),
        ("overdue 3-7 days", TimeSpan.FromDays(3), TimeSpan.FromDays(7)),
        ("overdue over 7 days", TimeSpan.FromDays(7), TimeSpan.MaxValue),
    ];

    public static IEndpointRouteBuilder MapViewEndpoints(this IEndpointRouteBuilder app)
    {
        var views = app.MapGroup("/views").WithTags("Supervision views").RequireRoles([.. Roles.CallCentre, Roles.Office])
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        views.MapGet("/due-soon", DueSoon)
            .WithSummary("Running clocks whose deadline falls within the next N working hours (hours=1–200, default 4) on each clock's own calendar, " +
                         "soonest first (at most 500).");
        views.MapGet("/breaches", Breaches)
            .WithSummary("Per office, for a period (from/to, default the last 30 days): breaches raised, returns, work finished and finished in time.");
        views.MapGet("/aging", Aging).WithSummary("Open work by how long it has been overdue (not yet due, under 1 day, 1–3, 3–7, over 7 days).");
        return app;
    }

    private static async Task<List<ClockView>> DueSoon(HttpContext http, SupervisionDbContext db, ClockCalendars calendars, double? hours,
        CancellationToken cancellationToken)
    {
        var within = hours ?? 4;
        if (within is <= 0 or > 200)
            throw new DomainRuleException("Hours out of range", "'hours' is 1 to 200 working hours.", StatusCodes.Status422UnprocessableEntity);
        var now = db.Clock.GetUtcNow();
        var open = db.Clocks.AsNoTracking().VisibleTo(http.Caller())
            .Where(c => c.Status == ClockStatus.Running && c.StoppedAt == null && c.PausedAt == null && c.Deadline > now);
        var found = new List<ClockView>();
        // Each calendar (and zone) has its own horizon: N working hours from now end at a different instant on each.
        foreach (var kept in await open.Select(c => new { c.CalendarCode, c.TimeZone }).Distinct().ToListAsync(cancellationToken))
        {
            var calendar = await calendars.ForKeptAsync(db, kept.CalendarCode, kept.TimeZone, cancellationToken);
            var horizon = calendar.AddWorkingTime(now, TimeSpan.FromHours(within));
            found.AddRange(await open.Where(c => c.CalendarCode == kept.CalendarCode && c.TimeZone == kept.TimeZone && c.Deadline <= horizon)
                .OrderBy(c => c.Deadline).Take(MaxDueSoon).Select(ClockView.Of).ToListAsync(cancellationToken));
        }
        return [.. found.OrderBy(c => c.Deadline).Take(MaxDueSoon)];
    }

    private static async Task<List<BreachesByOffice>> Breaches(HttpContext http, SupervisionDbContext db, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken cancellationToken)
    {
        var end = to ?? db.Clock.GetUtcNow();
        var start = from ?? end.AddDays(-30);
        if (start > end) throw new DomainRuleException("Period backwards", "'from' comes after 'to'.", StatusCodes.Status422UnprocessableEntity);
        var clocks = db.Clocks.AsNoTracking().VisibleTo(http.Caller());
        var breaches = await clocks.Where(c => c.BreachedAt >= start && c.BreachedAt < end).GroupBy(c => c.OfficeCode)
            .Select(g => new { Office = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var finished = await clocks.Where(c => c.StoppedAt >= start && c.StoppedAt < end).GroupBy(c => c.OfficeCode)
            .Select(g => new
            {
                Office = g.Key,
                Returns = g.Count(c => c.Outcome == ClockOutcome.Returned),
                Finished = g.Count(c => c.Outcome == ClockOutcome.Done),
                InTime = g.Count(c => c.Outcome == ClockOutcome.Done && c.Status == ClockStatus.Stopped),
            }).ToListAsync(cancellationToken);
        return [.. breaches.Select(b => b.Office).Union(finished.Select(f => f.Office)).Order(StringComparer.Ordinal).Select(office =>
        {
            var done = finished.FirstOrDefault(f => f.Office == office);
            return new BreachesByOffice(office, breaches.FirstOrDefault(b => b.Office == office)?.Count ?? 0, done?.Returns ?? 0, done?.Finished ?? 0,
                done?.InTime ?? 0);
        })];
    }

    private static async Task<List<AgingBucket>> Aging(HttpContext http, SupervisionDbContext db, CancellationToken cancellationToken)
    {
        var now = db.Clock.GetUtcNow();
        var open = db.Clocks.AsNoTracking().VisibleTo(http.Caller()).Where(c => c.StoppedAt == null);
        var result = new List<AgingBucket> { new("not yet due", await open.CountAsync(c => c.Deadline > now, cancellationToken)) };
        foreach (var (name, overdueFrom, overdueTo) in Buckets)
        {
            var latest = now - overdueFrom;
            var earliest = overdueTo == TimeSpan.MaxValue ? DateTimeOffset.MinValue : now - overdueTo;
            result.Add(new AgingBucket(name, await open.CountAsync(c => c.Deadline <= latest && c.Deadline > earliest, cancellationToken)));
        }
        return result;
    }
}
