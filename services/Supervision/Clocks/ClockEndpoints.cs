using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Contracts;
using Ticketing.Supervision.Data;

namespace Ticketing.Supervision.Clocks;

/// <summary>A clock on one work item; <see cref="Kind"/> is sign-for (an assignment) or handling (a case).</summary>
public sealed record ClockView(Guid Id, Guid WorkItemId, Guid TicketId, string Number, string OfficeCode, string Kind, Urgency Urgency,
    ClockStatus Status, DateTimeOffset StartedAt, DateTimeOffset Deadline, DateTimeOffset? StoppedAt, DateTimeOffset? BreachedAt);

public static class ClockEndpoints
{
    public static IEndpointRouteBuilder MapClockEndpoints(this IEndpointRouteBuilder app)
    {
        var clocks = app.MapGroup("/clocks").WithTags("SLA clocks").RequireRoles([.. Roles.CallCentre, Roles.Office]);
        clocks.MapGet("/", List).WithSummary("Clocks, soonest deadline first; one per work item (sign-for per assignment, handling per case).");

        // The Dapr cron binding "sla-scan" POSTs here on its schedule, with the app token as events carry it.
        app.MapPost("/sla-scan", async (SlaScan scan, CancellationToken cancellationToken) =>
                await scan.RunOnOneInstanceAsync(cancellationToken) is { } breached
                    ? Results.Ok(new { breached })
                    : Results.Ok(new { breached = 0, note = "Another instance holds the scan." }))
            .WithTags("SLA clocks").WithSummary("Marks running clocks past their deadline as breached.")
            .RequireAppToken();
        return app;
    }

    private static async Task<Page<ClockView>> List(HttpContext http, SupervisionDbContext db, Guid? ticketId, Guid? workItemId, string? office,
        ClockStatus? status, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = db.Clocks.AsNoTracking().VisibleTo(http.Caller());
        if (ticketId is not null) query = query.Where(c => c.TicketId == ticketId);
        if (workItemId is not null) query = query.Where(c => c.WorkItemId == workItemId);
        if (!string.IsNullOrWhiteSpace(office)) query = query.Where(c => c.OfficeCode == office.Trim());
        if (status is not null) query = query.Where(c => c.Status == status);
        return await query.OrderBy(c => c.Deadline)
            .Select(c => new ClockView(c.Id, c.WorkItemId, c.TicketId, c.Number, c.OfficeCode, c.Kind, c.Urgency, c.Status,
                c.StartedAt, c.Deadline, c.StoppedAt, c.BreachedAt))
            .ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
    }
}
