using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Contracts.Events;
using Ticketing.Supervision.Data;

namespace Ticketing.Supervision.Clocks;

/// <summary>
/// Finds running clocks past their deadline by an index on (Status, Deadline), never by loading open
/// work into memory, marks them breached and publishes sla.breached.
/// </summary>
public sealed class SlaScan(SupervisionDbContext db, WriteGate gate, Leases leases, IOptions<TicketingOptions> options)
{
    private const int BatchSize = 500;
    private const string LeaseName = "sla-scan";

    /// <summary>
    /// Scans only where this instance holds the scan's lease, so instances sharing the database (or each
    /// receiving the Dapr cron binding) do not scan at once; null when another instance holds it.
    /// </summary>
    public async Task<int?> RunOnOneInstanceAsync(CancellationToken cancellationToken) =>
        await leases.TryHoldAsync(LeaseName, options.Value.Outbox.LeaseDuration, cancellationToken)
            ? await RunAsync(cancellationToken)
            : null;

    /// <summary>Returns how many clocks it marked breached.</summary>
    public Task<int> RunAsync(CancellationToken cancellationToken) => gate.RunAsync(async () =>
    {
        var now = db.Clock.GetUtcNow();
        var due = await db.Clocks
            .Where(c => c.Status == ClockStatus.Running && c.Deadline <= now)
            .OrderBy(c => c.Deadline)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var breached = due.Where(c => c.Breach(now)).ToList();
        foreach (var clock in breached)
            db.Publish(new SlaBreached(clock.TicketId, clock.WorkItemId, clock.OfficeCode, clock.Kind, clock.Deadline));
        await db.SaveChangesAsync(cancellationToken);
        return breached.Count;
    }, cancellationToken);
}

/// <summary>Runs the scan on the embedded default's own timer (TimeProvider-driven, so tests can advance it).</summary>
public sealed class SlaScanTimer(IServiceProvider services, TimeProvider clock, IOptions<SupervisionOptions> options,
    ILogger<SlaScanTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScanInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SlaScan>().RunOnOneInstanceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "SLA scan failed; it runs again at the next tick");
            }
        }
    }
}
