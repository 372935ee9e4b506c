using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Supervision.Calendars;
using Ticketing.Supervision.Data;
using Ticketing.Supervision.Notices;
using Ticketing.Supervision.Policies;

namespace Ticketing.Supervision.Clocks;

/// <summary>What one tick did.</summary>
public sealed record TickResult(int Warnings, int Breaches, int Notices, int Conflicts);

/// <summary>
/// The SLA tick: reads only clocks whose next-due instant has come (an index on NextDueAt), a batch at a time, and for each
/// announces the threshold passed (sla.warning yellow/red, sla.breached) and issues or raises its supervision notice.
/// Exactly once per clock and threshold, across instances and restarts, is the database's doing: each clock's change is an
/// UPDATE conditional on the version read (its concurrency token; alike clocks share one statement), saved in one transaction
/// with the events (the outbox) and the notices (unique per clock and level). A tick that loses the race to another rolls its
/// batch back and emits nothing.
/// </summary>
public sealed class SlaTick(SupervisionDbContext db, WriteGate gate, Leases leases, ClockCalendars calendars, OfficeDirectory offices,
    OutboxSignal signal, WalCheckpointer checkpointer, IOptions<SupervisionOptions> supervision, IOptions<TicketingOptions> options)
{
    private readonly List<OutboxMessage> _events = [];
    private readonly List<SupervisionNotice> _notices = [];

    private const string LeaseName = "sla-scan";
    private const int MaxBatches = 1000;
    private const int MaxIdsPerUpdate = 1000; // one parameter each: SQL Server takes at most 2 100 per statement

    /// <summary>Ticks only where this instance holds the lease (saves work when every instance gets the cron); null when another holds it.</summary>
    public async Task<TickResult?> RunOnOneInstanceAsync(CancellationToken cancellationToken) =>
        await leases.TryHoldAsync(LeaseName, options.Value.Outbox.LeaseDuration, cancellationToken)
            ? await RunAsync(cancellationToken)
            : null;

    public Task<TickResult> RunAsync(CancellationToken cancellationToken) =>
        gate.RunAsync(() => checkpointer.DeferWhileAsync(db, () => RunBatchesAsync(cancellationToken), cancellationToken), cancellationToken);

    private async Task<TickResult> RunBatchesAsync(CancellationToken cancellationToken)
    {
        var now = db.Clock.GetUtcNow();
        var total = new TickResult(0, 0, 0, 0);
        for (var batch = 0; batch < MaxBatches; batch++)
        {
            var (result, read) = await RunBatchAsync(now, cancellationToken);
            total = new TickResult(total.Warnings + result.Warnings, total.Breaches + result.Breaches, total.Notices + result.Notices,
                total.Conflicts + result.Conflicts);
            if (read < supervision.Value.TickBatchSize || result.Conflicts > 0) break;
        }
        return total;
    }

    private async Task<(TickResult Result, int Read)> RunBatchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await DueClocksAsync(now, cancellationToken);
        if (due.Count == 0) return (new TickResult(0, 0, 0, 0), 0);
        var (changes, passed) = await PassAsync(due, now, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await WriteAsync(changes, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            signal.Notify(_events.Select(e => e.Topic).Distinct());
            return (passed, due.Count);
        }
        catch (Exception exception) when (exception is DbUpdateException or DbException)
        {
            // Another tick changed one of these clocks (or issued the notice: unique per clock and level) first; it announced them.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (new TickResult(0, 0, 0, 1), due.Count);
        }
    }

    /// <summary>Moves each clock past the thresholds it has reached, holding the events and notices that announce it.</summary>
    private async Task<(List<ClockChange> Changes, TickResult Passed)> PassAsync(List<SlaClock> due, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        _events.Clear();
        _notices.Clear();
        var (warnings, breaches, notices) = (0, 0, 0);
        var openNotices = await OpenNoticesAsync(due.Where(c => c.NoticeLevel > 0).Select(c => c.Id).ToList(), cancellationToken);
        var changes = new List<ClockChange>(due.Count);
        foreach (var clock in due)
        {
            var before = new ClockChange.Read(clock.Version, clock.Stage, clock.NoticeLevel);
            switch (clock.PassThreshold(now))
            {
                case ClockStage stage when stage is ClockStage.Yellow or ClockStage.Red:
                    Publish(new SlaWarning(clock.TicketId, clock.WorkItemId, clock.OfficeCode, clock.Kind, stage.ToString().ToLowerInvariant(),
                        clock.PercentUsed(stage), clock.Deadline));
                    warnings++;
                    break;
                case ClockStage.Breached:
                    Publish(new SlaBreached(clock.TicketId, clock.WorkItemId, clock.OfficeCode, clock.Kind, clock.Deadline));
                    breaches++;
                    break;
            }
            if (clock.NoticeDue(now))
            {
                await IssueNoticeAsync(clock, openNotices.GetValueOrDefault(clock.Id), now, cancellationToken);
                notices++;
            }
            changes.Add(new ClockChange(clock, before));
        }
        return (changes, new TickResult(warnings, breaches, notices, 0));
    }

    /// <summary>The batch's clocks, notices and events, inside the caller's transaction.</summary>
    private async Task WriteAsync(List<ClockChange> changes, CancellationToken cancellationToken)
    {
        // Clocks that changed alike are written by one conditional UPDATE: only rows still as this tick read them (same version,
        // stage and notice level) change, and if any did not, another tick got there first and this batch is rolled back whole.
        foreach (var (key, ids) in changes.GroupBy(c => c.Key)
                     .SelectMany(alike => alike.Select(c => c.Clock.Id).Chunk(MaxIdsPerUpdate).Select(ids => (alike.Key, ids))))
        {
            var written = await WriteAlikeAsync(key, ids, cancellationToken);
            if (written != ids.Length) throw new DbUpdateConcurrencyException($"{ids.Length - written} of the due clocks were changed by another tick.");
        }
        await db.InsertAllAsync(_notices, cancellationToken); // unique per clock and level: a second issue fails the batch
        await db.InsertAllAsync(_events, cancellationToken); // the outbox, in the same transaction
        await db.SaveChangesAsync(cancellationToken); // notices closed by a higher level
    }

    /// <summary>
    /// A rehearsal of the tick at start, rolled back: the soonest batch of clocks is read, passed and written as if due, then
    /// nothing is kept and nothing announced. The first tick after a start otherwise also pays for compiling its statements,
    /// JIT-compiling its path and filling the caches (about half a second at a million clocks), and a tick is meant to take
    /// under a second.
    /// </summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) =>
        gate.RunAsync(() => checkpointer.DeferWhileAsync(db, () => RehearseAsync(cancellationToken), cancellationToken), cancellationToken);

    /// <summary>With automatic checkpoints off, as in a tick: the log then grows to a batch's size here, not in the first tick.</summary>
    private async Task<bool> RehearseAsync(CancellationToken cancellationToken)
    {
        // Not the clocks a level-3 notice would come to: it asks dispatch for the parent office, which may not be up yet.
        var soonest = (await DueClocksAsync(DateTimeOffset.MaxValue, cancellationToken))
            .Where(c => c.NoticeLevel < SupervisionNotice.LastLevel - 1).ToList();
        var now = soonest.Count == 0 ? db.Clock.GetUtcNow() : soonest.Max(c => c.NextDueAt!.Value);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var (changes, _) = await PassAsync(soonest, now, cancellationToken);
            await WriteAsync(changes, cancellationToken);
            var nothing = new ClockChange.Written(new ClockChange.Read(-1, ClockStage.None, 0), ClockStage.Yellow, ClockStatus.Running, null, 0,
                null, NextDue.RedAt, null);
            await WriteAlikeAsync(nothing, Enumerable.Range(0, MaxIdsPerUpdate).Select(_ => Guid.NewGuid()).ToArray(), cancellationToken);
        }
        finally
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            _events.Clear();
            _notices.Clear();
        }
        return true;
    }

    private Task<List<SlaClock>> DueClocksAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Clocks.AsNoTracking().Where(c => c.NextDueAt <= now).OrderBy(c => c.NextDueAt).Take(supervision.Value.TickBatchSize)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// One conditional UPDATE for clocks that changed alike: only rows still as the tick read them (same version, stage and notice
    /// level) change; the caller compares the count written.
    /// </summary>
    private Task<int> WriteAlikeAsync(ClockChange.Written key, Guid[] ids, CancellationToken cancellationToken)
    {
        var read = key.Before;
        return db.Clocks
            .Where(c => ids.Contains(c.Id) && c.Version == read.Version && c.Stage == read.Stage && c.NoticeLevel == read.NoticeLevel)
            .ExecuteUpdateAsync(set => set
                .SetProperty(c => c.Stage, key.Stage)
                .SetProperty(c => c.Status, key.Status)
                .SetProperty(c => c.BreachedAt, key.BreachedAt)
                .SetProperty(c => c.NoticeLevel, key.NoticeLevel)
                .SetProperty(c => c.NextLevelAt, key.NextLevelAt)
                .SetProperty(c => c.NextDueAt, c => key.NextDue == NextDue.YellowAt ? c.YellowAt
                    : key.NextDue == NextDue.RedAt ? c.RedAt
                    : key.NextDue == NextDue.Deadline ? c.Deadline
                    : key.NextDueAt)
                .SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
    }

    /// <summary>Held for the bulk insert at the end of the batch, stamped as <c>db.Publish</c> stamps them.</summary>
    private void Publish(IntegrationEvent integrationEvent) =>
        _events.Add(OutboxMessage.From(integrationEvent with { OccurredAt = db.Clock.GetUtcNow() }));

    private enum NextDue { Value, YellowAt, RedAt, Deadline }

    /// <summary>A clock as the tick read it and as it leaves it; <see cref="Key"/> groups the clocks one UPDATE can write.</summary>
    private sealed record ClockChange(SlaClock Clock, ClockChange.Read Before)
    {
        public sealed record Read(int Version, ClockStage Stage, int NoticeLevel);

        public sealed record Written(Read Before, ClockStage Stage, ClockStatus Status, DateTimeOffset? BreachedAt, int NoticeLevel,
            DateTimeOffset? NextLevelAt, NextDue NextDue, DateTimeOffset? NextDueAt);

        public Written Key { get; } = new(Before, Clock.Stage, Clock.Status, Clock.BreachedAt, Clock.NoticeLevel, Clock.NextLevelAt,
            Clock.NextDueAt == Clock.YellowAt ? NextDue.YellowAt
            : Clock.NextDueAt == Clock.RedAt ? NextDue.RedAt
            : Clock.NextDueAt == Clock.Deadline ? NextDue.Deadline
            : NextDue.Value,
            Clock.NextDueAt is { } next && (next == Clock.YellowAt || next == Clock.RedAt || next == Clock.Deadline) ? null : Clock.NextDueAt);
    }

    private async Task IssueNoticeAsync(SlaClock clock, SupervisionNotice? open, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var level = clock.NoticeLevel + 1;
        var parent = level == SupervisionNotice.LastLevel ? (await offices.FindAsync(clock.OfficeCode, cancellationToken)).Parent : null;
        open?.Close($"raised to level {level}", now);
        var notice = SupervisionNotice.Issue(clock.Id, clock.WorkItemId, clock.TicketId, clock.Number, clock.OfficeCode, parent, level, clock.Deadline, now);
        _notices.Add(notice);
        clock.NoticeIssued(level, now, supervision.Value.NoticeLevelInterval, await calendars.ForClockAsync(db, clock, cancellationToken));
        Publish(new SupervisionNoticeIssued(clock.TicketId, notice.Id, clock.WorkItemId, clock.OfficeCode, level, parent,
            notice.SpecialistsNotified, clock.Deadline));
    }

    private async Task<Dictionary<Guid, SupervisionNotice>> OpenNoticesAsync(List<Guid> clockIds, CancellationToken cancellationToken) =>
        clockIds.Count == 0
            ? []
            : await db.Notices.Where(n => clockIds.Contains(n.ClockId) && n.Status != NoticeStatus.Closed).ToDictionaryAsync(n => n.ClockId, cancellationToken);
}

/// <summary>Runs the tick on the embedded default's own timer (TimeProvider-driven, so tests can advance it).</summary>
public sealed class SlaTickTimer(IServiceProvider services, TimeProvider clock, IOptions<SupervisionOptions> options,
    ILogger<SlaTickTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScanInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SlaTick>().RunOnOneInstanceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "SLA tick failed; it runs again at the next tick");
            }
        }
    }
}

/// <summary>Warms the tick before the service takes requests (after the database's migrator), so the first tick is as quick as later ones.</summary>
public sealed class SlaTickWarmUp(IServiceProvider services, ILogger<SlaTickWarmUp> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SlaTick>().WarmUpAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "The SLA tick's rehearsal at start failed; the first tick pays for its warming instead");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
