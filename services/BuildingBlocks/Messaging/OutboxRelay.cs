using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>
/// Publishes the outbox: one independent delivery loop per destination, so a subscriber that is down, slow or
/// refusing delays only its own events. The state lives in the database, so it resumes after a restart.
/// </summary>
public sealed class OutboxRelay(IServiceProvider services, IEventTransport transport) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(transport.Destinations.Select(destination =>
            ActivatorUtilities.CreateInstance<SubscriberDelivery>(services, destination).RunAsync(stoppingToken)));
}

/// <summary>
/// Delivers this service's events to one destination in publication order: the requeued dead letters first,
/// then the events after its cursor. It holds a lease while it works, so two instances of a service sharing a
/// database never deliver the same event at once nor out of order.
/// </summary>
public sealed class SubscriberDelivery(
    string destination,
    IServiceScopeFactory scopes,
    IEventTransport transport,
    OutboxSignal signal,
    Leases leases,
    DatabaseReadiness readiness,
    IOptions<TicketingOptions> options,
    TimeProvider clock,
    ILogger<SubscriberDelivery> logger)
{
    private static readonly TimeSpan SkipsSavedEvery = TimeSpan.FromSeconds(10);
    private readonly OutboxOptions _options = options.Value.Outbox;
    private readonly DeliveryBackoff _backoff = new();

    /// <summary>
    /// How far the rows this destination does not subscribe to have been passed, ahead of the saved cursor:
    /// saved now and then rather than on every pass (passing them again after a restart costs nothing).
    /// </summary>
    private long _skippedTo;
    private DateTimeOffset _skipsSavedAt;

    /// <summary>The cursor's position as last read or written here (it only moves forward).</summary>
    private long _position;
    private long _requeuesSeen;
    private DateTimeOffset _requeuesCheckedAt;

    public string LeaseName => "delivery:" + destination;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var more = true; // the first pass looks at once
        var seen = signal.Version;
        var lookedAt = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var backingOff = _backoff.RetryAt - clock.GetUtcNow();
                if (backingOff > TimeSpan.Zero) await Task.Delay(backingOff, clock, stoppingToken);
                else if (!more) await signal.WaitAsync(seen, _options.PollInterval, clock, stoppingToken);
                var worthALook = more || backingOff > TimeSpan.Zero || clock.GetUtcNow() - lookedAt >= _options.PollInterval
                                 || signal.Requeues != _requeuesSeen || signal.PublishedSince(seen, transport.KnownTopicsOf(destination));
                seen = signal.Version; // what is saved from here on wakes the next pass
                more = false;
                if (!worthALook) continue; // saves of topics this destination does not take (another instance's: the poll)
                lookedAt = clock.GetUtcNow();
                if (!readiness.Migrated || !await leases.TryHoldAsync(LeaseName, _options.LeaseDuration, stoppingToken)) continue;
                more = await DeliverPendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Delivery to {Destination} failed; its events stay pending", destination);
                _backoff.Failed(clock.GetUtcNow(), _options);
            }
        }
        try { await leases.ReleaseAsync(LeaseName, CancellationToken.None); }
        catch (Exception exception) { logger.LogDebug(exception, "Lease {Lease} not released; it runs out by itself", LeaseName); }
    }

    /// <summary>
    /// One pass; true when more events are waiting right away. A pass with nothing to deliver costs one indexed
    /// read: the cursor is loaded (fresh, since another instance may have moved it) only when there is work.
    /// </summary>
    public async Task<bool> DeliverPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var now = clock.GetUtcNow();
        if (RequeueCheckDue(now) && !await RedeliverRequeuedAsync(db, cancellationToken)) return false;

        var topics = await transport.TopicsOfAsync(destination, cancellationToken);
        if (topics is null)
        {
            var unreachable = await LoadCursorAsync(db, cancellationToken);
            unreachable.Unreachable("its subscriptions (/dapr/subscribe) cannot be read", now);
            return await GiveUpForNowAsync(db, unreachable, cancellationToken);
        }

        // Now and then the rows that are not for this destination are noted on its cursor, up to a bound read first.
        long? last = now - _skipsSavedAt >= SkipsSavedEvery ? await db.Outbox.MaxAsync(m => (long?)m.Sequence, cancellationToken) ?? 0 : null;
        var from = Math.Max(_position, _skippedTo);
        var wanted = db.Outbox.Where(m => m.Sequence > from);
        if (last is { } bound) wanted = wanted.Where(m => m.Sequence <= bound);
        if (!topics.All)
        {
            var subscribed = topics.Topics.ToArray();
            wanted = wanted.Where(m => subscribed.Contains(m.Topic));
        }
        var batch = await wanted.OrderBy(m => m.Sequence).Take(_options.BatchSize).AsNoTracking().ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            if (last is not { } passed || passed <= from) return false;
            _skippedTo = passed; // nothing in between is for this destination
            var skipping = await LoadCursorAsync(db, cancellationToken);
            skipping.Passed(passed, now, delivered: false);
            await db.SaveChangesAsync(cancellationToken);
            _skipsSavedAt = now;
            return false;
        }

        var cursor = await LoadCursorAsync(db, cancellationToken);
        batch = batch.Where(m => m.Sequence > cursor.Position).ToList();
        if (batch.Count == 0) return true; // another instance delivered them meanwhile

        var results = await transport.DeliverAsync(destination, batch, cancellationToken);
        now = clock.GetUtcNow();
        var deadLettered = false;
        for (var i = 0; i < results.Count; i++)
        {
            var (message, result) = (batch[i], results[i]);
            switch (result.Outcome)
            {
                case DeliveryOutcome.Delivered:
                    cursor.Passed(message.Sequence, now, delivered: true);
                    break;
                case DeliveryOutcome.Dropped:
                    DeadLetterHead(db, cursor, message, "The subscriber dropped it (it can never apply there).", result.Answer, now);
                    break;
                case DeliveryOutcome.Refused:
                    cursor.Refused(result.Answer ?? "refused", now);
                    if (cursor.Attempts < _options.MaxAttempts) return await GiveUpForNowAsync(db, cursor, cancellationToken);
                    DeadLetterHead(db, cursor, message, $"Refused {cursor.Attempts} times.", result.Answer, now);
                    deadLettered = true;
                    break;
                default:
                    cursor.Unreachable(result.Answer ?? "unreachable", now);
                    return await GiveUpForNowAsync(db, cursor, cancellationToken);
            }
        }
        var whole = results.Count == batch.Count;
        if (whole && batch.Count < _options.BatchSize && last is { } end) cursor.Passed(end, now, delivered: false);
        await db.SaveChangesAsync(cancellationToken);
        _position = cursor.Position;
        _backoff.Succeeded();
        return whole ? batch.Count == _options.BatchSize : deadLettered;
    }

    private async Task<DeliveryCursor> LoadCursorAsync(ServiceDbContext db, CancellationToken cancellationToken)
    {
        var cursor = await db.DeliveryCursors.FindAsync([destination], cancellationToken)
                     ?? throw new InvalidOperationException($"No delivery cursor for {destination}; the migrator creates them.");
        _position = Math.Max(_position, cursor.Position);
        return cursor;
    }

    /// <summary>Requeued dead letters are looked for when this instance requeued one, and every few seconds for another's.</summary>
    private bool RequeueCheckDue(DateTimeOffset now)
    {
        var requeues = signal.Requeues;
        if (requeues == _requeuesSeen && now - _requeuesCheckedAt < SkipsSavedEvery) return false;
        (_requeuesSeen, _requeuesCheckedAt) = (requeues, now);
        return true;
    }

    private void DeadLetterHead(ServiceDbContext db, DeliveryCursor cursor, OutboxMessage message, string reason, string? answer, DateTimeOffset now)
    {
        db.DeadLetters.Add(DeadLetter.Of(destination, message, reason, answer, cursor.Attempts, now));
        logger.LogError("Event {Topic} {EventId} dead-lettered for {Destination}: {Reason} Last answer: {Answer}",
            message.Topic, message.EventId, destination, reason, answer);
        cursor.Passed(message.Sequence, now, delivered: false);
    }

    /// <summary>Requeued dead letters go before the stream; false when one of them has to wait (so the stream waits too).</summary>
    private async Task<bool> RedeliverRequeuedAsync(ServiceDbContext db, CancellationToken cancellationToken)
    {
        var requeued = await db.DeadLetters
            .Where(d => d.Subscriber == destination && d.Status == DeadLetterStatus.Requeued)
            .OrderBy(d => d.Id).Take(_options.BatchSize).ToListAsync(cancellationToken);
        foreach (var letter in requeued)
        {
            var result = (await transport.DeliverAsync(destination, [letter.ToMessage()], cancellationToken)).Single();
            var now = clock.GetUtcNow();
            switch (result.Outcome)
            {
                case DeliveryOutcome.Delivered:
                    letter.Redelivered(now);
                    logger.LogInformation("Requeued event {Topic} {EventId} delivered to {Destination}", letter.Topic, letter.EventId, destination);
                    break;
                case DeliveryOutcome.Dropped:
                    letter.FailedAgain("The subscriber dropped it again.", result.Answer ?? "DROP", dead: true, now);
                    break;
                case DeliveryOutcome.Refused:
                    letter.FailedAgain($"Refused {letter.Attempts + 1} times after it was requeued.", result.Answer ?? "refused",
                        dead: letter.Attempts + 1 >= _options.MaxAttempts, now);
                    await db.SaveChangesAsync(cancellationToken);
                    _backoff.Failed(now, _options);
                    _requeuesCheckedAt = default; // still requeued: look again on the next pass
                    return false;
                default:
                    await db.SaveChangesAsync(cancellationToken);
                    _backoff.Failed(now, _options);
                    _requeuesCheckedAt = default; // still requeued: look again on the next pass
                    return false;
            }
        }
        if (requeued.Count > 0) await db.SaveChangesAsync(cancellationToken);
        if (requeued.Count == _options.BatchSize) _requeuesCheckedAt = default; // more than one pass's worth
        return true;
    }

    private async Task<bool> GiveUpForNowAsync(ServiceDbContext db, DeliveryCursor cursor, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        _backoff.Failed(clock.GetUtcNow(), _options);
        logger.LogWarning("Events for {Destination} wait after sequence {Position}: {Reason}", destination, cursor.Position, cursor.LastError);
        return false;
    }
}
