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

    public string LeaseName => "delivery:" + destination;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var more = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_backoff.Waiting(clock.GetUtcNow())) await Task.Delay(_backoff.RetryAt - clock.GetUtcNow(), clock, stoppingToken);
                else if (!more) await signal.WaitAsync(_options.PollInterval, clock, stoppingToken);
                more = false;
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

    /// <summary>One pass; true when more events are waiting right away.</summary>
    public async Task<bool> DeliverPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var now = clock.GetUtcNow();
        var cursor = await db.DeliveryCursors.FindAsync([destination], cancellationToken)
                     ?? throw new InvalidOperationException($"No delivery cursor for {destination}; the migrator creates them.");

        if (!await RedeliverRequeuedAsync(db, cancellationToken)) return false;

        var topics = await transport.TopicsOfAsync(destination, cancellationToken);
        if (topics is null)
        {
            cursor.Unreachable("its subscriptions (/dapr/subscribe) cannot be read", now);
            return await GiveUpForNowAsync(db, cursor, cancellationToken);
        }

        var last = await db.Outbox.MaxAsync(m => (long?)m.Sequence, cancellationToken) ?? 0;
        var from = Math.Max(cursor.Position, _skippedTo);
        if (last <= from) return false;
        var wanted = db.Outbox.Where(m => m.Sequence > from && m.Sequence <= last);
        if (!topics.All)
        {
            var subscribed = topics.Topics.ToArray();
            wanted = wanted.Where(m => subscribed.Contains(m.Topic));
        }
        var batch = await wanted.OrderBy(m => m.Sequence).Take(_options.BatchSize).AsNoTracking().ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            _skippedTo = last; // nothing in between is for this subscriber
            if (now - _skipsSavedAt < SkipsSavedEvery) return false;
            cursor.Passed(last, now, delivered: false);
            await db.SaveChangesAsync(cancellationToken);
            _skipsSavedAt = now;
            return false;
        }

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
        if (whole && batch.Count < _options.BatchSize) cursor.Passed(last, now, delivered: false);
        await db.SaveChangesAsync(cancellationToken);
        _backoff.Succeeded();
        return whole ? batch.Count == _options.BatchSize : deadLettered;
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
                    return false;
                default:
                    await db.SaveChangesAsync(cancellationToken);
                    _backoff.Failed(now, _options);
                    return false;
            }
        }
        if (requeued.Count > 0) await db.SaveChangesAsync(cancellationToken);
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
