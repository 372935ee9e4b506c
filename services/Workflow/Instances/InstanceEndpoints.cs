using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Contracts;
using Ticketing.Workflow.Data;
using Ticketing.Workflow.Lifecycle;

namespace Ticketing.Workflow.Instances;

public sealed record InstanceSummary(Guid TicketId, string Number, TicketState State, string? OfficeCode, int ReopenCount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record InstanceDetail(Guid TicketId, string Number, TicketState State, string? OfficeCode, int ReopenCount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<TimelineEntry> Timeline);

public static class InstanceEndpoints
{
    public static IEndpointRouteBuilder MapInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var instances = app.MapGroup("/instances").WithTags("Lifecycle instances");
        instances.MapGet("/", List);
        instances.MapGet("/{ticketId:guid}", Get);
        return app;
    }

    private static async Task<Page<InstanceSummary>> List(WorkflowDbContext db, TicketState? state, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var query = db.Instances.AsNoTracking();
        if (state is not null) query = query.Where(i => i.State == state);
        return await query.OrderByDescending(i => i.UpdatedAt)
            .Select(i => new InstanceSummary(i.TicketId, i.Number, i.State, i.OfficeCode, i.ReopenCount, i.CreatedAt, i.UpdatedAt))
            .ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
    }

    private static async Task<InstanceDetail> Get(Guid ticketId, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking().Include(i => i.Timeline)
                           .FirstOrDefaultAsync(i => i.TicketId == ticketId, cancellationToken)
                       ?? throw new NotFoundException("Lifecycle instance", ticketId);
        return new InstanceDetail(instance.TicketId, instance.Number, instance.State, instance.OfficeCode, instance.ReopenCount,
            instance.CreatedAt, instance.UpdatedAt, instance.Timeline.OrderBy(e => e.Position).ToList());
    }
}
