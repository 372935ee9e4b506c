using Microsoft.Extensions.DependencyInjection;
using Ticketing.BuildingBlocks.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>A dead letter as admins see it (the event's data included, to judge the cause).</summary>
public sealed record DeadLetterView(
    long Id, string Subscriber, Guid EventId, string Topic, string CloudEventType, DateTimeOffset OccurredAt, string Reason,
    string? LastAnswer, int Attempts, DateTimeOffset DeadAt, DeadLetterStatus Status, DateTimeOffset? RequeuedAt,
    DateTimeOffset? RedeliveredAt, string Payload);

/// <summary>Which dead letters to requeue: these ids, or every dead one of a subscriber (one of the two).</summary>
public sealed record RequeueDeadLetters(long[]? Ids = null, string? Subscriber = null);

public sealed record RequeuedDeadLetters(int Requeued);

public sealed record WaitingEventView(long Id, Guid EventId, string Handler, string Ticket, string Topic, DateTimeOffset ParkedAt, string Reason);

/// <summary>
/// Operating the event delivery of this service: the backlog per subscriber, the dead letters (list and
/// requeue once the cause is fixed) and the events waiting in this service's inbox. Served on the service
/// itself, not through the public gateway.
/// </summary>
public static class DeliveryAdminEndpoints
{
    public static IEndpointRouteBuilder MapDeliveryAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<DeliveryBacklog>(); // its metrics are published from the start, not from the first reader
        var admin = app.MapGroup("/admin").WithTags("Event delivery (admin)");

        admin.MapGet("/backlog", (DeliveryBacklog backlog, CancellationToken cancellationToken) => backlog.ReadAsync(cancellationToken))
            .WithSummary("Each subscriber's backlog of this service's events, and the events waiting in this service's inbox.")
            .RequireRoles(Roles.Admin, Roles.Supervisor, Roles.Service); // the gateway's landing page shows it

        admin.MapGet("/dead-letters", async (ServiceDbContext db, string? subscriber, DeadLetterStatus? status, int? page, int? pageSize,
                CancellationToken cancellationToken) =>
            {
                var query = db.DeadLetters.AsNoTracking();
                if (!string.IsNullOrWhiteSpace(subscriber)) query = query.Where(d => d.Subscriber == subscriber);
                if (status is not null) query = query.Where(d => d.Status == status);
                return await query.OrderByDescending(d => d.Id).Select(d => new DeadLetterView(d.Id, d.Subscriber, d.EventId, d.Topic,
                        d.CloudEventType, d.OccurredAt, d.Reason, d.LastAnswer, d.Attempts, d.DeadAt, d.Status, d.RequeuedAt, d.RedeliveredAt,
                        d.Payload))
                    .ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
            })
            .WithSummary("Events a subscriber dropped or refused too often, newest first.")
            .RequireRoles(Roles.Admin);

        admin.MapPost("/dead-letters", async Task<Accepted<RequeuedDeadLetters>> (RequeueDeadLetters request, ServiceDbContext db,
                OutboxSignal signal, CancellationToken cancellationToken) =>
            {
                if ((request.Ids is not { Length: > 0 }) == string.IsNullOrWhiteSpace(request.Subscriber))
                    throw new DomainRuleException("Say which dead letters", "Give either ids or a subscriber.", StatusCodes.Status400BadRequest);
                var chosen = request.Ids is { Length: > 0 } ids
                    ? db.DeadLetters.Where(d => ids.Contains(d.Id))
                    : db.DeadLetters.Where(d => d.Subscriber == request.Subscriber);
                var letters = await chosen.Where(d => d.Status == DeadLetterStatus.Dead).ToListAsync(cancellationToken);
                var now = db.Clock.GetUtcNow();
                foreach (var letter in letters) letter.Requeue(now);
                await db.SaveChangesAsync(cancellationToken);
                if (letters.Count > 0) signal.NotifyRequeued();
                return TypedResults.Accepted("/admin/dead-letters", new RequeuedDeadLetters(letters.Count));
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Requeues the dead ones among the given dead letters, or all of a subscriber's, once their cause is fixed.")
            .RequireRoles(Roles.Admin);

        admin.MapPost("/dead-letters/{id:long}/requeue", async Task<Accepted<DeadLetterView>> (
                long id, ServiceDbContext db, OutboxSignal signal, CancellationToken cancellationToken) =>
            {
                var letter = await db.DeadLetters.FindAsync([id], cancellationToken) ?? throw new NotFoundException("Dead letter", id);
                if (!letter.Requeue(db.Clock.GetUtcNow()))
                    throw new DomainRuleException("Not a dead letter any more", $"Dead letter {id} is {letter.Status}; only a dead one can be requeued.");
                await db.SaveChangesAsync(cancellationToken);
                signal.NotifyRequeued();
                return TypedResults.Accepted($"/admin/dead-letters/{id}", View(letter));
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Delivers a dead letter once more (after its cause is fixed), ahead of the subscriber's other events.")
            .RequireRoles(Roles.Admin);

        admin.MapGet("/waiting-events", async (ServiceDbContext db, int? page, int? pageSize, CancellationToken cancellationToken) =>
                await db.ParkedEvents.AsNoTracking().OrderBy(p => p.Id)
                    .Select(p => new WaitingEventView(p.Id, p.EventId, p.Handler, p.Key, p.Topic, p.ParkedAt, p.Reason))
                    .ToPageAsync(PageRequest.From(page, pageSize), cancellationToken))
            .WithSummary("Events in this service's inbox waiting for an earlier step of their ticket, oldest first.")
            .RequireRoles(Roles.Admin);
        return app;
    }

    private static DeadLetterView View(DeadLetter d) => new(d.Id, d.Subscriber, d.EventId, d.Topic, d.CloudEventType, d.OccurredAt,
        d.Reason, d.LastAnswer, d.Attempts, d.DeadAt, d.Status, d.RequeuedAt, d.RedeliveredAt, d.Payload);
}
