using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>How far one subscriber is behind this service's outbox.</summary>
public sealed record SubscriberBacklog(
    string Subscriber, long Position, int Pending, DateTimeOffset? OldestPendingAt, double OldestPendingSeconds,
    int DeadLetters, int Attempts, string? LastError, DateTimeOffset? LastDeliveredAt);

/// <summary>This service's event delivery at a glance: each subscriber's backlog and the events waiting in its own inbox.</summary>
public sealed record DeliveryStatus(string Service, DateTimeOffset At, IReadOnlyList<SubscriberBacklog> Subscribers, int WaitingInInbox);

/// <summary>
/// Makes the backlog visible: per-subscriber metrics (pending, oldest pending age, dead letters), readiness
/// that turns Degraded while an event waits too long, and the figures the gateway's landing page shows.
/// Read from the database at most five times a second, however many ask.
/// </summary>
public sealed class DeliveryBacklog : IHealthCheck, IDisposable
{
    public const string MeterName = "Ticketing.Events";
    private static readonly TimeSpan FreshFor = TimeSpan.FromMilliseconds(200);

    private readonly IServiceScopeFactory _scopes;
    private readonly IEventTransport _transport;
    private readonly DatabaseReadiness _readiness;
    private readonly TimeProvider _clock;
    private readonly TicketingOptions _options;
    private readonly Meter _meter = new(MeterName);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private DeliveryStatus? _last;

    public DeliveryBacklog(IServiceScopeFactory scopes, IEventTransport transport, DatabaseReadiness readiness, TimeProvider clock,
        IOptions<TicketingOptions> options)
    {
        (_scopes, _transport, _readiness, _clock, _options) = (scopes, transport, readiness, clock, options.Value);
        _meter.CreateObservableGauge("ticketing.events.pending", () => Measure(s => s.Pending), "{event}",
            "Events waiting for a subscriber");
        _meter.CreateObservableGauge("ticketing.events.oldest_pending_age", () => Measure(s => s.OldestPendingSeconds), "s",
            "How long the oldest event has waited for a subscriber");
        _meter.CreateObservableGauge("ticketing.events.dead_letters", () => Measure(s => s.DeadLetters), "{event}",
            "Events a subscriber dropped or refused too often, not requeued");
    }

    public async Task<DeliveryStatus> ReadAsync(CancellationToken cancellationToken)
    {
        if (_last is { } fresh && _clock.GetUtcNow() - fresh.At < FreshFor) return fresh;
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } meanwhile && _clock.GetUtcNow() - meanwhile.At < FreshFor) return meanwhile;
            return _last = await QueryAsync(cancellationToken);
        }
        finally
        {
            _reading.Release();
        }
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!_readiness.Migrated) return HealthCheckResult.Healthy("Not publishing until the database is migrated.");
        var status = await ReadAsync(cancellationToken);
        var late = status.Subscribers.Where(s => s.OldestPendingSeconds > _options.Outbox.BacklogWarningAge.TotalSeconds).ToList();
        var data = status.Subscribers.ToDictionary(s => s.Subscriber, s => (object)new { s.Pending, s.OldestPendingSeconds, s.DeadLetters });
        if (late.Count == 0) return HealthCheckResult.Healthy("Every subscriber is up to date.", data);
        return HealthCheckResult.Degraded(string.Join(" ", late.Select(s =>
            $"{s.Pending} event(s) wait for {s.Subscriber}, the oldest for {s.OldestPendingSeconds:0} s ({s.LastError ?? "delivering"}).")), data: data);
    }

    private async Task<DeliveryStatus> QueryAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var now = _clock.GetUtcNow();
        var cursors = await db.DeliveryCursors.AsNoTracking().ToDictionaryAsync(c => c.Subscriber, cancellationToken);
        var subscribers = new List<SubscriberBacklog>();
        foreach (var destination in _transport.Destinations)
        {
            if (!cursors.TryGetValue(destination, out var cursor)) continue;
            var pending = db.Outbox.Where(m => m.Sequence > cursor.Position);
            if (_transport.KnownTopicsOf(destination) is { All: false } topics)
            {
                var subscribed = topics.Topics.ToArray();
                pending = pending.Where(m => subscribed.Contains(m.Topic));
            }
            var count = await pending.CountAsync(cancellationToken);
            var oldest = count == 0 ? null
                : await pending.OrderBy(m => m.Sequence).Select(m => (DateTimeOffset?)m.OccurredAt).FirstOrDefaultAsync(cancellationToken);
            var dead = await db.DeadLetters.CountAsync(d => d.Subscriber == destination && d.Status != DeadLetterStatus.Redelivered, cancellationToken);
            subscribers.Add(new SubscriberBacklog(destination, cursor.Position, count, oldest,
                oldest is null ? 0 : Math.Max(0, (now - oldest.Value).TotalSeconds), dead, cursor.Attempts, cursor.LastError, cursor.LastDeliveredAt));
        }
        var waiting = await db.ParkedEvents.CountAsync(cancellationToken);
        return new DeliveryStatus(_options.AppId, now, subscribers, waiting);
    }

    private IEnumerable<Measurement<double>> Measure(Func<SubscriberBacklog, double> figure)
    {
        if (!_readiness.Migrated) return [];
        DeliveryStatus status;
        try
        {
            status = ReadAsync(CancellationToken.None).GetAwaiter().GetResult(); // metric callbacks are synchronous
        }
        catch (Exception e) when (e is ObjectDisposedException or System.Data.Common.DbException)
        {
            // Collected while the service stops, or the database cannot be read this moment: this gauge reports nothing
            // rather than failing the whole collection (every other meter in the process with it); readiness tells the rest.
            return [];
        }
        return status.Subscribers.Select(s => new Measurement<double>(figure(s),
            new KeyValuePair<string, object?>("publisher", status.Service), new KeyValuePair<string, object?>("subscriber", s.Subscriber)));
    }

    public void Dispose()
    {
        _meter.Dispose();
        _reading.Dispose();
    }
}
