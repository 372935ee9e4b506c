using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>
/// Publishes pending outbox events in order through the configured transport. What is not delivered stays
/// pending and is tried again with backoff, also after a restart, because the state lives in the database.
/// </summary>
public sealed class OutboxRelay(
    IServiceProvider services,
    IEventBus bus,
    OutboxSignal signal,
    DatabaseReadiness readiness,
    IOptions<TicketingOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly OutboxOptions _options = options.Value.Outbox;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = bus.PrepareAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
                if (readiness.Migrated) await PublishPendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Outbox relay pass failed; pending events stay pending");
            }
        }
    }

    /// <summary>One pass over the pending events; returns how many were fully published.</summary>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var pending = await db.Outbox
            .Where(m => m.SentAt == null)
            .OrderBy(m => m.Sequence)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);
        if (pending.Count == 0) return 0;

        await bus.DeliverAsync(pending, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var sent = pending.Count(m => m.SentAt != null);
        if (sent == pending.Count && pending.Count == _options.BatchSize) signal.Notify();
        return sent;
    }
}
