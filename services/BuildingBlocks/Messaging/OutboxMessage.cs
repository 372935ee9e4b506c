using System.Diagnostics;
using System.Text.Json;
using Ticketing.Contracts.Events;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>An integration event saved with the change that caused it, waiting to be published.</summary>
public sealed class OutboxMessage
{
    /// <summary>Publication order within this service.</summary>
    public long Sequence { get; private set; }
    public Guid EventId { get; private set; }
    public string Topic { get; private set; } = "";
    public string CloudEventType { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>W3C trace context of the request that caused the event, so its handling joins the same trace.</summary>
    public string? TraceParent { get; private set; }

    /// <summary>Subscribing services (app ids, comma separated) that already have this event.</summary>
    public string DeliveredTo { get; set; } = "";

    public static OutboxMessage From(IntegrationEvent integrationEvent) => new()
    {
        EventId = integrationEvent.Id,
        Topic = Contracts.Events.Topic.Of(integrationEvent.GetType()).Name,
        CloudEventType = Contracts.Events.Topic.CloudEventType(integrationEvent.GetType()),
        Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), EventJson.Options),
        OccurredAt = integrationEvent.OccurredAt,
        TraceParent = Activity.Current?.Id,
    };

    public ISet<string> DeliveredPeers() =>
        DeliveredTo.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public void MarkDeliveredTo(string peer)
    {
        var peers = DeliveredPeers();
        if (peers.Add(peer)) DeliveredTo = string.Join(',', peers.Order(StringComparer.OrdinalIgnoreCase));
    }
}

/// <summary>Traces of event publishing, continuing the trace of the request that caused each event.</summary>
public static class EventTracing
{
    public const string SourceName = "Ticketing.Events";
    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartPublishing(OutboxMessage message) =>
        Source.StartActivity($"publish {message.Topic}", ActivityKind.Producer,
            ActivityContext.TryParse(message.TraceParent, null, out var parent) ? parent : default);
}

/// <summary>A subscriber handled this event: a redelivery is answered without doing the work twice.</summary>
public sealed record ProcessedEvent(Guid EventId, string Handler, string Topic, DateTimeOffset ProcessedAt);

public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>Wakes the relay as soon as an event is saved, so publishing does not wait for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try { _pending.Release(); }
        catch (SemaphoreFullException) { /* already signalled */ }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);
}
