using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Contracts.Events;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>
/// The embedded default: no broker, no daprd. Each event goes as a CloudEvents 1.0 envelope straight to the
/// routes each peer lists at <c>GET /dapr/subscribe</c>, the endpoints daprd would call, and the answer is
/// read by daprd's rules. A peer that is down or answers RETRY is retried with exponential backoff; later
/// events wait for it so every subscriber sees a publisher's events in order.
/// </summary>
public sealed class EmbeddedEventBus(
    IHttpClientFactory httpClients,
    PeerDirectory peers,
    IOptions<TicketingOptions> options,
    TimeProvider clock,
    ILogger<EmbeddedEventBus> logger) : IEventBus
{
    public const string HttpClientName = "embedded-event-bus";
    private static readonly TimeSpan SubscriptionsKeptFor = TimeSpan.FromSeconds(30);

    private readonly TicketingOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, PeerState> _peerStates = new(StringComparer.OrdinalIgnoreCase);

    public async Task DeliverAsync(IReadOnlyList<OutboxMessage> pending, CancellationToken cancellationToken)
    {
        var alreadyDelivered = pending.ToDictionary(m => m, m => m.DeliveredPeers());
        // Order matters per subscriber, not across them: each peer gets its events in sequence, peers in parallel.
        var outcomes = await Task.WhenAll(peers.Services.Select(peer =>
            DeliverInOrderAsync(peer.Key, peer.Value, pending.Where(m => !alreadyDelivered[m].Contains(peer.Key)), cancellationToken)));

        foreach (var message in pending)
        {
            var failures = new List<string>();
            foreach (var outcome in outcomes.Where(o => !alreadyDelivered[message].Contains(o.Peer)))
            {
                if (outcome.Delivered.Contains(message)) message.MarkDeliveredTo(outcome.Peer);
                else failures.Add($"{outcome.Peer}: {outcome.Failure}");
            }
            message.Attempts++;
            message.LastError = failures.Count == 0 ? null : Truncate(string.Join("; ", failures), 2000);
            if (failures.Count == 0) message.SentAt = clock.GetUtcNow();
        }
    }

    /// <summary>Delivers to one peer in order, stopping at the first event it does not take.</summary>
    private async Task<PeerOutcome> DeliverInOrderAsync(string peer, Uri baseAddress, IEnumerable<OutboxMessage> undelivered,
        CancellationToken cancellationToken)
    {
        var outcome = new PeerOutcome(peer);
        var state = State(peer);
        if (state.Backoff.Waiting(clock.GetUtcNow()))
        {
            outcome.Failure = $"waiting to retry until {state.Backoff.RetryAt:O}";
            return outcome;
        }
        foreach (var message in undelivered)
        {
            var failure = await DeliverToPeerAsync(peer, baseAddress, message, cancellationToken);
            if (failure is not null)
            {
                outcome.Failure = failure;
                state.Backoff.Failed(clock.GetUtcNow(), _options.Outbox);
                logger.LogWarning("Event {Topic} {EventId} not delivered to {Peer}: {Failure}", message.Topic, message.EventId, peer, failure);
                return outcome; // later events wait behind this one
            }
            outcome.Delivered.Add(message);
        }
        state.Backoff.Succeeded();
        return outcome;
    }

    /// <summary>
    /// Reads every peer's subscriptions while the system starts (peers start at the same time, so it asks
    /// again for a while), so that the first event is not the one that waits for them.
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var unknown = peers.Services.ToDictionary();
        for (var attempt = 0; attempt < 60 && unknown.Count > 0 && !cancellationToken.IsCancellationRequested; attempt++)
        {
            var answers = await Task.WhenAll(unknown.Select(async peer =>
                (peer.Key, Routes: await SubscribedRoutesAsync(State(peer.Key), peer.Value, cancellationToken))));
            foreach (var answer in answers.Where(a => a.Routes is not null)) unknown.Remove(answer.Key);
            if (unknown.Count > 0) await Task.Delay(TimeSpan.FromMilliseconds(500), clock, cancellationToken);
        }
    }

    /// <summary>Null when the peer has the event (or does not want it); otherwise why not.</summary>
    private async Task<string?> DeliverToPeerAsync(string peer, Uri baseAddress, OutboxMessage message, CancellationToken cancellationToken)
    {
        var state = State(peer);
        var routes = await SubscribedRoutesAsync(state, baseAddress, cancellationToken);
        if (routes is null) return "subscriptions unavailable";

        foreach (var route in routes.Where(r => r.Topic == message.Topic).Select(r => r.Route))
        {
            var outcome = await PostAsync(baseAddress, route, message, cancellationToken);
            switch (outcome)
            {
                case DeliveryOutcome.Delivered:
                    break;
                case DeliveryOutcome.Dropped:
                    logger.LogWarning("Subscriber {Peer} dropped {Topic} {EventId} at {Route}", peer, message.Topic, message.EventId, route);
                    break;
                default:
                    state.ForgetSubscriptions();
                    return $"{route} asked to retry ({outcome})";
            }
        }
        return null;
    }

    private async Task<IReadOnlyList<SubscribedRoute>?> SubscribedRoutesAsync(PeerState state, Uri baseAddress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (state.Subscriptions is { } known && now - state.SubscriptionsReadAt < SubscriptionsKeptFor) return known;
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            var entries = await client.GetFromJsonAsync<List<DaprSubscription>>(new Uri(baseAddress, "dapr/subscribe"), EventJson.Options, cancellationToken);
            state.Subscriptions = DaprSubscription.RoutesOf(entries ?? []);
            state.SubscriptionsReadAt = now;
            return state.Subscriptions;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<DeliveryOutcome> PostAsync(Uri baseAddress, string route, OutboxMessage message, CancellationToken cancellationToken)
    {
        using var publishing = EventTracing.StartPublishing(message); // the HTTP call below carries it as traceparent
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = message.EventId.ToString(),
            ["source"] = _options.AppId,
            ["type"] = message.CloudEventType,
            ["datacontenttype"] = "application/json",
            ["time"] = message.OccurredAt.ToString("O"),
            ["topic"] = message.Topic,
            ["pubsubname"] = Topic.PubSubName,
            ["data"] = JsonNode.Parse(message.Payload),
        };
        var traceParent = publishing?.Id ?? message.TraceParent;
        if (traceParent is not null) envelope["traceparent"] = traceParent;
        using var content = new StringContent(envelope.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json"); // as daprd sends it
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.PostAsync(new Uri(baseAddress, route.TrimStart('/')), content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return DaprAnswer.Read(response.StatusCode, body);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Unreachable;
        }
    }

    private PeerState State(string peer) => _peerStates.GetOrAdd(peer, _ => new PeerState());

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private sealed class PeerOutcome(string peer)
    {
        public string Peer { get; } = peer;
        public HashSet<OutboxMessage> Delivered { get; } = [];
        public string Failure { get; set; } = "behind an earlier event";
    }

    private sealed class PeerState
    {
        public DeliveryBackoff Backoff { get; } = new();
        public IReadOnlyList<SubscribedRoute>? Subscriptions { get; set; }
        public DateTimeOffset SubscriptionsReadAt { get; set; }

        public void ForgetSubscriptions() => Subscriptions = null;
    }
}

public enum DeliveryOutcome { Delivered, Dropped, Retry, Unreachable }

public sealed record SubscribedRoute(string Topic, string Route);

/// <summary>daprd's rules for a subscriber's answer.</summary>
public static class DaprAnswer
{
    public static DeliveryOutcome Read(HttpStatusCode status, string body)
    {
        if (status == HttpStatusCode.NotFound) return DeliveryOutcome.Dropped;
        if ((int)status is < 200 or > 299) return DeliveryOutcome.Retry;
        if (string.IsNullOrWhiteSpace(body)) return DeliveryOutcome.Delivered;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !TryGetStatus(document.RootElement, out var answer)) return DeliveryOutcome.Delivered;
            return answer?.ToUpperInvariant() switch
            {
                "SUCCESS" => DeliveryOutcome.Delivered,
                "DROP" => DeliveryOutcome.Dropped,
                _ => DeliveryOutcome.Retry,
            };
        }
        catch (JsonException)
        {
            return DeliveryOutcome.Delivered;
        }
    }

    private static bool TryGetStatus(JsonElement answer, out string? status)
    {
        foreach (var property in answer.EnumerateObject())
        {
            if (!property.Name.Equals("status", StringComparison.OrdinalIgnoreCase)) continue;
            status = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.ToString();
            return true;
        }
        status = null;
        return false;
    }
}

/// <summary>One entry of a <c>GET /dapr/subscribe</c> answer (either a plain route or routing rules).</summary>
public sealed record DaprSubscription(string? PubsubName, string? Topic, string? Route, DaprRoutes? Routes)
{
    public static IReadOnlyList<SubscribedRoute> RoutesOf(IEnumerable<DaprSubscription> entries) => entries
        .Where(e => e.Topic is not null && (e.PubsubName is null || e.PubsubName == Contracts.Events.Topic.PubSubName))
        .SelectMany(e => e.AllRoutes().Select(route => new SubscribedRoute(e.Topic!, route)))
        .Distinct()
        .ToList();

    private IEnumerable<string> AllRoutes()
    {
        if (!string.IsNullOrWhiteSpace(Route)) yield return Route;
        // Routing rules pick one path by content; the embedded bus has no rule engine, so it uses the default.
        if (!string.IsNullOrWhiteSpace(Routes?.Default)) yield return Routes.Default;
    }
}

public sealed record DaprRoutes(string? Default);
