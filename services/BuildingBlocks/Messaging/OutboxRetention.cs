using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>
/// Keeps the outbox and the processed-event records from growing without bound: rows every subscriber has
/// passed and records older than the retention period go, a small batch per transaction, on one instance at a time.
/// Dead letters and events still waiting in the inbox stay until someone deals with them.
/// </summary>
public sealed class OutboxRetention(
    IServiceScopeFactory scopes,
    IEventTransport transport,
    Leases leases,
    WriteGate gate,
    DatabaseReadiness readiness,
    IOptions<TicketingOptions> options,
    TimeProvider clock,
    ILogger<OutboxRetention> logger) : BackgroundService
{
    private const string LeaseName = "retention";
    private readonly OutboxOptions _options = options.Value.Outbox;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RetentionInterval, clock);
        while (await NextTickAsync(timer, stoppingToken))
        {
            try
            {
                if (readiness.Migrated && await leases.TryHoldAsync(LeaseName, _options.LeaseDuration, stoppingToken))
                    await RemoveExpiredAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Outbox clean-up failed; it is tried again at the next interval");
            }
        }
    }

    /// <summary>False once the service stops (also when it is disposed without being stopped first).</summary>
    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>Removes what has expired; returns how many outbox rows and processed records went.</summary>
    public async Task<(int Outbox, int Processed)> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var cutoff = clock.GetUtcNow() - _options.Retention;
        var destinations = transport.Destinations.ToArray();
        var passedByAll = await db.DeliveryCursors.Where(c => destinations.Contains(c.Subscriber))
            .MinAsync(c => (long?)c.Position, cancellationToken) ?? 0;

        var outbox = await InBatchesAsync(() => db.Outbox
            .Where(m => m.Sequence <= passedByAll && m.OccurredAt < cutoff)
            .OrderBy(m => m.Sequence).Take(_options.RetentionBatchSize)
            .ExecuteDeleteAsync(cancellationToken), cancellationToken);
        var processed = await InBatchesAsync(() => db.ProcessedEvents
            .Where(p => p.ProcessedAt < cutoff)
            .OrderBy(p => p.ProcessedAt).Take(_options.RetentionBatchSize)
            .ExecuteDeleteAsync(cancellationToken), cancellationToken);
        if (outbox + processed > 0)
            logger.LogInformation("Removed {Outbox} delivered outbox rows and {Processed} processed-event records older than {Cutoff:O}",
                outbox, processed, cutoff);
        return (outbox, processed);
    }

    private async Task<int> InBatchesAsync(Func<Task<int>> deleteBatch, CancellationToken cancellationToken)
    {
        var total = 0;
        for (int removed; (removed = await gate.RunAsync(deleteBatch, cancellationToken)) > 0;)
        {
            total += removed;
            if (removed < _options.RetentionBatchSize) break;
        }
        return total;
    }
}
