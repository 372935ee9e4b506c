using Ticketing.BuildingBlocks.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Workflow.Instances;
using Ticketing.Workflow.Lifecycle;

namespace Ticketing.Workflow.Timers;

/// <summary>
/// Fires the durable timers that are due: each in one save with the step it pulls, so a timer fires
/// exactly once even when the process dies half way (it is simply still due after the restart).
/// </summary>
public sealed class DueTimers(LifecycleSteps steps, WriteGate gate, Leases leases, IOptions<TicketingOptions> options)
{
    private const int BatchSize = 100;
    private const string LeaseName = "lifecycle-timers";

    /// <summary>Fires on the one instance holding the timers' lease; null when another holds it.</summary>
    public async Task<int?> FireOnOneInstanceAsync(CancellationToken cancellationToken) =>
        await leases.TryHoldAsync(LeaseName, options.Value.Outbox.LeaseDuration, cancellationToken)
            ? await FireAsync(cancellationToken)
            : null;

    /// <summary>Returns how many timers fired.</summary>
    public async Task<int> FireAsync(CancellationToken cancellationToken)
    {
        var now = steps.Db.Clock.GetUtcNow();
        var due = await steps.Db.Timers.AsNoTracking()
            .Where(t => t.FiredAt == null && t.CancelledAt == null && t.DueAt <= now)
            .OrderBy(t => t.DueAt).Select(t => new { t.Id, t.TicketId }).Take(BatchSize)
            .ToListAsync(cancellationToken);
        var fired = 0;
        foreach (var timer in due)
            if (await gate.RunAsync(() => FireOneAsync(timer.TicketId, timer.Id, cancellationToken), cancellationToken)) fired++;
        return fired;
    }

    private async Task<bool> FireOneAsync(Guid ticketId, Guid timerId, CancellationToken cancellationToken)
    {
        var db = steps.Db;
        db.ChangeTracker.Clear();
        var instance = await steps.FindAsync(ticketId, cancellationToken);
        var timer = instance?.Timers.FirstOrDefault(t => t.Id == timerId);
        if (instance is null || timer is null) return false; // fired or cancelled meanwhile
        var now = db.Clock.GetUtcNow();
        timer.Fired(now);
        var step = new LifecycleStep(timer.Trigger, new StepActor("timer", Roles.Timer)) { Reason = timer.Reason, SourceId = timer.Id };
        var decision = steps.Apply(instance, step);
        if (!decision.Permitted)
            instance.Note("TimerFired", step.By, timer.Id, $"{timer.Trigger} was due ({timer.Reason}) but not possible: {decision.Refusal}", now);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

/// <summary>Looks for due timers on the service's own clock (TimeProvider), so tests move time instead of sleeping.</summary>
public sealed class TimerLoop(IServiceProvider services, TimeProvider clock, IOptions<WorkflowOptions> options, ILogger<TimerLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TimerInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DueTimers>().FireOnOneInstanceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Firing lifecycle timers failed; they are still due at the next tick");
            }
        }
    }
}
