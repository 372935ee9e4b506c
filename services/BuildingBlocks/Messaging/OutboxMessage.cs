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
/// Wakes every subscriber's delivery loop as soon as an event is saved, so publishing does not wait for the
/// next poll. Each save counts up a version; a loop that has not seen the latest version does not wait at all,
/// so an event saved while the loop was busy is never left for the poll.
/// </summary>
public sealed class OutboxSignal
{
    private long _version;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private long _requeues;

    public long Version => Interlocked.Read(ref _version);

    /// <summary>Counts dead letters requeued here, so delivery loops look for them only when there may be some.</summary>
    public long Requeues => Interlocked.Read(ref _requeues);

    public void NotifyRequeued()
    {
        Interlocked.Increment(ref _requeues);
        Notify();
    }

    public void Notify()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

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
