using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Contracts.Events;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>
/// The embedded default: no broker, no daprd. Each event goes as a CloudEvents 1.0 envelope straight to the
/// route each peer lists at <c>GET /dapr/subscribe</c>, the endpoints daprd would call, and the answer is
/// read by daprd's rules. A run of events of one topic goes as one bulk request where the peer declared
/// bulk subscription (as daprd delivers bulk), so a busy subscriber commits many events at once.
/// </summary>
public sealed class EmbeddedTransport(
    IHttpClientFactory httpClients,
    PeerDirectory peers,
    IOptions<TicketingOptions> options,
    TimeProvider clock) : IEventTransport
{
    public const string HttpClientName = "embedded-event-bus";
    private static readonly TimeSpan SubscriptionsKeptFor = TimeSpan.FromSeconds(30);

    private readonly TicketingOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, PeerSubscriptions> _subscriptions = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Destinations => peers.Services.Keys.Order(StringComparer.Ordinal).ToList();

    public TopicFilter? KnownTopicsOf(string destination) =>
        _subscriptions.TryGetValue(destination, out var known) ? TopicFilter.Only(known.Routes.Select(r => r.Topic)) : null;

    public async Task<TopicFilter?> TopicsOfAsync(string destination, CancellationToken cancellationToken) =>
        await RoutesOfAsync(destination, cancellationToken) is { } routes ? TopicFilter.Only(routes.Select(r => r.Topic)) : null;

    public async Task<IReadOnlyList<DeliveryResult>> DeliverAsync(string destination, IReadOnlyList<OutboxMessage> inOrder,
        CancellationToken cancellationToken)
    {
        var results = new List<DeliveryResult>();
        var routes = await RoutesOfAsync(destination, cancellationToken);
        if (routes is null) return [new DeliveryResult(DeliveryOutcome.Unreachable, "its subscriptions (/dapr/subscribe) cannot be read")];

        var baseAddress = peers.Services[destination];
        for (var next = 0; next < inOrder.Count;)
        {
            var route = routes.FirstOrDefault(r => r.Topic == inOrder[next].Topic);
            if (route is null)
            {
                results.Add(DeliveryResult.Delivered); // not subscribed (any more): nothing to wait for
                next++;
                continue;
            }
            var run = inOrder.Skip(next).TakeWhile(m => m.Topic == route.Topic).Take(Math.Max(1, route.BulkMaxMessages)).ToList();
            var answers = route.BulkMaxMessages > 0
                ? await PostBulkAsync(baseAddress, route, run, cancellationToken)
                : [await PostAsync(baseAddress, route.Route, run[0], cancellationToken)];
            foreach (var answer in answers)
            {
                results.Add(answer);
                if (!answer.Taken)
                {
                    _subscriptions.TryRemove(destination, out _); // read them again: the peer may have changed or restarted
                    return results;
                }
            }
            next += answers.Count;
        }
        return results;
    }

    /// <summary>A peer's routes, asked again every half minute and whenever a delivery to it fails.</summary>
    private async Task<IReadOnlyList<SubscribedRoute>?> RoutesOfAsync(string peer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_subscriptions.TryGetValue(peer, out var known) && now - known.ReadAt < SubscriptionsKeptFor) return known.Routes;
        if (!peers.Services.TryGetValue(peer, out var baseAddress)) return null;
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            var entries = await client.GetFromJsonAsync<List<DaprSubscription>>(new Uri(baseAddress, "dapr/subscribe"), EventJson.Options, cancellationToken);
            var routes = DaprSubscription.RoutesOf(entries ?? []);
            _subscriptions[peer] = new PeerSubscriptions(routes, now);
            return routes;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or NotSupportedException
                                          && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<DeliveryResult> PostAsync(Uri baseAddress, string route, OutboxMessage message, CancellationToken cancellationToken)
    {
        using var publishing = EventTracing.StartPublishing(message); // the HTTP call below carries it as traceparent
        using var content = JsonContentOf(json => WriteEnvelope(json, message, publishing), "application/cloudevents+json"); // as daprd sends it
        var (status, body, failure) = await SendAsync(baseAddress, route, content, cancellationToken);
        if (failure is not null) return new DeliveryResult(DeliveryOutcome.Unreachable, failure);
        return DaprAnswer.Read(status, body) switch
        {
            DeliveryOutcome.Delivered => DeliveryResult.Delivered,
            var outcome => new DeliveryResult(outcome, Describe(status, body)),
        };
    }

    /// <summary>daprd's bulk delivery: entries in, one status per entry out.</summary>
    private async Task<IReadOnlyList<DeliveryResult>> PostBulkAsync(Uri baseAddress, SubscribedRoute route, IReadOnlyList<OutboxMessage> run,
        CancellationToken cancellationToken)
    {
        using var content = JsonContentOf(json =>
        {
            json.WriteStartObject();
            json.WriteString("id", Guid.NewGuid().ToString());
            json.WriteStartArray("entries");
            foreach (var message in run)
            {
                using var publishing = EventTracing.StartPublishing(message);
                json.WriteStartObject();
                json.WriteString("entryId", message.EventId.ToString());
                json.WritePropertyName("event");
                WriteEnvelope(json, message, publishing);
                json.WriteString("contentType", "application/cloudevents+json");
                json.WriteStartObject("metadata");
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("metadata");
            json.WriteEndObject();
            json.WriteString("pubsubname", Topic.PubSubName);
            json.WriteString("topic", route.Topic);
            json.WriteString("type", "com.dapr.event.sent.bulk");
            json.WriteEndObject();
        }, "application/json");
        var (status, body, failure) = await SendAsync(baseAddress, route.Route, content, cancellationToken);
        if (failure is not null) return [new DeliveryResult(DeliveryOutcome.Unreachable, failure)];
        var whole = DaprAnswer.Read(status, "");
        if (whole != DeliveryOutcome.Delivered) return [new DeliveryResult(whole, Describe(status, body))];

        var statuses = DaprAnswer.ReadBulk(body);
        var results = new List<DeliveryResult>();
        foreach (var message in run)
        {
            var answer = statuses.GetValueOrDefault(message.EventId.ToString());
            var outcome = answer is null ? DeliveryOutcome.Refused : DaprAnswer.ReadStatus(answer.Status);
            results.Add(outcome == DeliveryOutcome.Delivered ? DeliveryResult.Delivered
                : new DeliveryResult(outcome, answer is null ? $"no status for the entry in: {DeadLetter.Shorten(body)}" : $"{(int)status} {answer.Raw}"));
            if (!results[^1].Taken) break;
        }
        return results;
    }

    /// <summary>The CloudEvent envelope, written straight around the stored payload (no parse and re-serialise per event).</summary>
    private void WriteEnvelope(Utf8JsonWriter json, OutboxMessage message, System.Diagnostics.Activity? publishing)
    {
        json.WriteStartObject();
        json.WriteString("specversion", "1.0");
        json.WriteString("id", message.EventId.ToString());
        json.WriteString("source", _options.AppId);
        json.WriteString("type", message.CloudEventType);
        json.WriteString("datacontenttype", "application/json");
        json.WriteString("time", message.OccurredAt.ToString("O"));
        json.WriteString("topic", message.Topic);
        json.WriteString("pubsubname", Topic.PubSubName);
        if ((publishing?.Id ?? message.TraceParent) is { } traceParent) json.WriteString("traceparent", traceParent);
        json.WritePropertyName("data");
        json.WriteRawValue(message.Payload, skipInputValidation: true); // our own serialisation, stored as is
        json.WriteEndObject();
    }

    private static ByteArrayContent JsonContentOf(Action<Utf8JsonWriter> write, string mediaType)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType); // JSON is UTF-8; daprd names no charset either
        return content;
    }

    private async Task<(HttpStatusCode Status, string Body, string? Failure)> SendAsync(Uri baseAddress, string route, HttpContent content,
        CancellationToken cancellationToken)
    {
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.PostAsync(new Uri(baseAddress, route.TrimStart('/')), content, cancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (default, "", exception.Message);
        }
    }

    private static string Describe(HttpStatusCode status, string body) =>
        $"{(int)status} {DeadLetter.Shorten(string.IsNullOrWhiteSpace(body) ? status.ToString() : body)}";

    private sealed record PeerSubscriptions(IReadOnlyList<SubscribedRoute> Routes, DateTimeOffset ReadAt);
}

/// <summary>A peer's route for a topic; <see cref="BulkMaxMessages"/> is above 0 where it takes bulk deliveries.</summary>
public sealed record SubscribedRoute(string Topic, string Route, int BulkMaxMessages = 0);

/// <summary>daprd's rules for a subscriber's answer.</summary>
public static class DaprAnswer
{
    public static DeliveryOutcome Read(HttpStatusCode status, string body)
    {
        if (status == HttpStatusCode.NotFound) return DeliveryOutcome.Dropped;
        if ((int)status is < 200 or > 299) return DeliveryOutcome.Refused;
        if (string.IsNullOrWhiteSpace(body)) return DeliveryOutcome.Delivered;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !TryGetProperty(document.RootElement, "status", out var answer)) return DeliveryOutcome.Delivered;
            return ReadStatus(answer.ValueKind == JsonValueKind.String ? answer.GetString() : answer.ToString());
        }
        catch (JsonException)
        {
            return DeliveryOutcome.Delivered;
        }
    }

    public static DeliveryOutcome ReadStatus(string? status) => status?.ToUpperInvariant() switch
    {
        "SUCCESS" => DeliveryOutcome.Delivered,
        "DROP" => DeliveryOutcome.Dropped,
        _ => DeliveryOutcome.Refused,
    };

    /// <summary>A bulk answer <c>{"statuses":[{"entryId","status"}]}</c> as entry id → its status and the entry as sent.</summary>
    public static IReadOnlyDictionary<string, BulkStatus> ReadBulk(string body)
    {
        var statuses = new Dictionary<string, BulkStatus>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !TryGetProperty(document.RootElement, "statuses", out var entries) || entries.ValueKind != JsonValueKind.Array)
                return statuses;
            foreach (var entry in entries.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                if (TryGetProperty(entry, "entryId", out var id) && id.ValueKind == JsonValueKind.String)
                    statuses[id.GetString()!] = new BulkStatus(TryGetProperty(entry, "status", out var status) ? status.ToString() : null, entry.GetRawText());
        }
        catch (JsonException)
        {
            // no statuses: every entry counts as refused
        }
        return statuses;
    }

    public sealed record BulkStatus(string? Status, string Raw);

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            value = property.Value;
            return true;
        }
        value = default;
        return false;
    }
}

/// <summary>One entry of a <c>GET /dapr/subscribe</c> answer (either a plain route or routing rules).</summary>
public sealed record DaprSubscription(string? PubsubName, string? Topic, string? Route, DaprRoutes? Routes, DaprBulkSubscribe? BulkSubscribe)
{
    public static IReadOnlyList<SubscribedRoute> RoutesOf(IEnumerable<DaprSubscription> entries) => entries
        .Where(e => e.Topic is not null && (e.PubsubName is null || e.PubsubName == Contracts.Events.Topic.PubSubName))
        .SelectMany(e => e.AllRoutes().Select(route => new SubscribedRoute(e.Topic!, route,
            e.BulkSubscribe is { Enabled: true } bulk ? Math.Max(1, bulk.MaxMessagesCount ?? 100) : 0)))
        .DistinctBy(r => (r.Topic, r.Route))
        .ToList();

    private IEnumerable<string> AllRoutes()
    {
        if (!string.IsNullOrWhiteSpace(Route)) yield return Route;
        // Routing rules pick one path by content; the embedded bus has no rule engine, so it uses the default.
        if (!string.IsNullOrWhiteSpace(Routes?.Default)) yield return Routes.Default;
    }
}

public sealed record DaprRoutes(string? Default);

public sealed record DaprBulkSubscribe(bool Enabled, int? MaxMessagesCount, int? MaxAwaitDurationMs);
