using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ticketing.Contracts.Queries;
using Ticketing.Reporting.Data;
using Ticketing.Reporting.Periods;

namespace Ticketing.Reporting.WorkingHours;

/// <summary>
/// Measures the working time of completed handling cases on supervision's business calendar. A case supervision cannot
/// measure now (it is down, say) stays pending and is tried again on the next pass, so the average becomes right later.
/// </summary>
public sealed class WorkingHoursMeasurer(ReportingDbContext db, ISupervisionApi supervision, IOptions<ReportingOptions> options,
    ILogger<WorkingHoursMeasurer> logger)
{
    public const int BatchSize = 50;

    /// <summary>One pass over the pending cases; returns how many it measured.</summary>
    public async Task<int> MeasurePendingAsync(CancellationToken cancellationToken)
    {
        var pending = await db.HandlingCases
            .Where(c => c.RequestedAt != null && c.CompletedAt != null && c.WorkingMinutes == null)
            .OrderBy(c => c.CompletedAt).Take(BatchSize).ToListAsync(cancellationToken);
        var measured = 0;
        foreach (var handling in pending)
        {
            // A completion announced before its request (clocks of two services) measures as no time at all.
            var (from, to) = (handling.RequestedAt!.Value, handling.CompletedAt!.Value);
            try
            {
                var time = await supervision.WorkingTimeBetweenAsync(options.Value.Calendar, new WorkingTimeQuery(from, to < from ? from : to),
                    cancellationToken);
                handling.Measured(time.Minutes);
                measured++;
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                handling.MeasureFailed(failure.Message);
                logger.LogWarning("Working hours of case {CaseId} stay pending: {Reason}", handling.CaseId, failure.Message);
                break; // supervision is likely down: the rest wait for the next pass
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return measured;
    }
}

/// <summary>Runs <see cref="WorkingHoursMeasurer"/> every <see cref="ReportingOptions.MeasureInterval"/>.</summary>
public sealed class WorkingHoursTimer(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReportingOptions> options,
    ILogger<WorkingHoursTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MeasureInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WorkingHoursMeasurer>().MeasurePendingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Measuring working hours failed; it runs again at the next tick");
            }
        }
    }
}
