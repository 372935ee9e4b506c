using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Ticketing.Contracts.Events;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>
/// An integration event saved with the change that caused it. Rows never change: how far each subscriber
/// has got is kept on its <see cref="DeliveryCursor"/>.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Publication order within this service.</summary>
    public long Sequence { get; private set; }
    public Guid EventId { get; private set; }
    public string Topic { get; private set; } = "";
    public string CloudEventType { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>W3C trace context of the request that caused the event, so its handling joins the same trace.</summary>
    public string? TraceParent { get; private set; }

    public static OutboxMessage From(IntegrationEvent integrationEvent) => new()
    {
        EventId = integrationEvent.Id,
        Topic = Contracts.Events.Topic.Of(integrationEvent.GetType()).Name,
        CloudEventType = Contracts.Events.Topic.CloudEventType(integrationEvent.GetType()),
        Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), EventJson.Options),
        OccurredAt = integrationEvent.OccurredAt,
        TraceParent = Activity.Current?.Id,
    };

    /// <summary>A copy that is delivered again but not stored again (a requeued dead letter).</summary>
    internal static OutboxMessage Redelivery(long sequence, Guid eventId, string topic, string cloudEventType, string payload,
        DateTimeOffset occurredAt, string? traceParent) => new()
    {
        Sequence = sequence, EventId = eventId, Topic = topic, CloudEventType = cloudEventType, Payload = payload,
        OccurredAt = occurredAt, TraceParent = traceParent,
    };
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

    /// <summary>
    /// For reading events from other services: a missing required member or a null where the contract has
    /// none is unreadable (answered DROP), instead of reaching a handler as a default value.
    /// </summary>
    public static JsonSerializerOptions Incoming { get; } = new(Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new Json.EnumByNameConverterFactory() },
    };
}

/// <summary>
/// Wakes the delivery loops as soon as an event is saved, so publishing does not wait for the next poll.
/// Each save counts up a version and notes the topics it published: a loop that has not seen the latest
/// version does not wait at all (an event saved while it was busy is never left for the poll), and a loop
/// whose destination takes none of the topics saved since it last looked need not look.
/// </summary>
public sealed class OutboxSignal
{
    private readonly ConcurrentDictionary<string, long> _topicPublishedAt = new(StringComparer.Ordinal);
    private long _version;
    private long _requeues;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Version => Interlocked.Read(ref _version);

    /// <summary>Counts dead letters requeued here, so delivery loops look for them only when there may be some.</summary>
    public long Requeues => Interlocked.Read(ref _requeues);

    public void Notify(IEnumerable<string> topics)
    {
        var version = Interlocked.Increment(ref _version);
        foreach (var topic in topics) _topicPublishedAt[topic] = version;
        Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public void NotifyRequeued()
    {
        Interlocked.Increment(ref _requeues);
        Notify([]);
    }

    /// <summary>Whether a save after version <paramref name="seen"/> published a topic the filter takes (unknown filter: yes).</summary>
    public bool PublishedSince(long seen, TopicFilter? topics) =>
        topics is null || topics.All || topics.Topics.Any(topic => _topicPublishedAt.TryGetValue(topic, out var at) && at > seen);

    /// <summary>Returns once the version differs from <paramref name="seen"/>, or the timeout passes; throws when cancelled.</summary>
    public async Task WaitAsync(long seen, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref _next).Task; // before the version: a save in between then completes this task
        if (Version != seen) return;
        using var timeoutOrStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(next, Task.Delay(timeout, clock, timeoutOrStop.Token));
        await timeoutOrStop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
