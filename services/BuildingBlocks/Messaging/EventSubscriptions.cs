using System.Text.Json;
using Dapr;
using Dapr.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Contracts.Events;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>One handler of this service for one CloudEvent type, under a stable name that keys its idempotency records.</summary>
public sealed class HandlerRegistration(
    string name, Type eventType, Func<IServiceProvider, IntegrationEvent, CancellationToken, Task<EventOutcome>> handle)
{
    public string Name { get; } = name;
    public Type EventType { get; } = eventType;
    public string Topic { get; } = Contracts.Events.Topic.Of(eventType).Name;
    public int Version { get; } = Contracts.Events.Topic.Of(eventType).Version;
    public string CloudEventType { get; } = Contracts.Events.Topic.CloudEventType(eventType);

    /// <summary><typeparamref name="THandler"/> made from the request's services for each event.</summary>
    public static HandlerRegistration For<TEvent, THandler>(string name)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent> =>
        new(name, typeof(TEvent), (services, integrationEvent, cancellationToken) =>
            ActivatorUtilities.GetServiceOrCreateInstance<THandler>(services).HandleAsync((TEvent)integrationEvent, cancellationToken));

    public Task<EventOutcome> HandleAsync(IServiceProvider services, IntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        handle(services, integrationEvent, cancellationToken);

    /// <summary>The event, or null when it can never be read (malformed, a required member missing, no id).</summary>
    public IntegrationEvent? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, EventType, EventJson.Incoming) is IntegrationEvent { Id: var id } read && id != Guid.Empty
                ? read
                : null;
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>
/// The events this service subscribes to. One endpoint per topic; within it the CloudEvent type picks the
/// handler, so a v2 of an event can be published beside v1 while services are upgraded one by one.
/// </summary>
public sealed class EventSubscriptions
{
    private readonly Dictionary<string, HandlerRegistration> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HandlerRegistration> _byType = new(StringComparer.Ordinal);

    /// <summary>Adds a handler; true when it is the first for its topic (so the topic's endpoint is still to be mapped).</summary>
    public bool Add(HandlerRegistration registration)
    {
        if (_byType.ContainsKey(registration.CloudEventType))
            throw new InvalidOperationException($"{registration.CloudEventType} already has a handler in this service.");
        if (!_byName.TryAdd(registration.Name, registration))
            throw new InvalidOperationException($"Two event handlers are named '{registration.Name}'; the name keys their idempotency records.");
        var first = _byType.Values.All(r => r.Topic != registration.Topic);
        _byType[registration.CloudEventType] = registration;
        return first;
    }

    public HandlerRegistration? Named(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The handler for a delivery on <paramref name="topic"/>; without a type (a plain POST), the oldest version's.</summary>
    public HandlerRegistration? For(string topic, string? cloudEventType) => string.IsNullOrEmpty(cloudEventType)
        ? _byType.Values.Where(r => r.Topic == topic).MinBy(r => r.Version)
        : _byType.GetValueOrDefault(cloudEventType) is { } registration && registration.Topic == topic ? registration : null;
}

public static class EventSubscriptionEndpoints
{
    /// <summary>Bulk deliveries wait at most this long to fill up (daprd's setting; the embedded transport sends what it has).</summary>
    private const int BulkMaxAwaitMilliseconds = 40;

    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to <typeparamref name="TEvent"/>'s topic and type. The topic's
    /// endpoint <c>POST /events/{topic}</c> is declared to Dapr with <c>WithTopic</c> and bulk subscription; the
    /// inbox saves the handler's changes with a processed record named <paramref name="name"/> (keep it stable:
    /// renaming it would handle old events again).
    /// </summary>
    public static IEndpointRouteBuilder MapEventHandler<TEvent, THandler>(this IEndpointRouteBuilder endpoints, string name)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        var registration = HandlerRegistration.For<TEvent, THandler>(name);
        if (!endpoints.ServiceProvider.GetRequiredService<EventSubscriptions>().Add(registration)) return endpoints;

        var topic = registration.Topic;
        var batchSize = endpoints.ServiceProvider.GetRequiredService<IOptions<TicketingOptions>>().Value.Outbox.BatchSize;
        endpoints.MapPost($"events/{topic}", (HttpContext http, EventInbox inbox, CancellationToken cancellationToken) =>
                inbox.ReceiveAsync(http, topic, cancellationToken))
            .Accepts<TEvent>("application/json", "application/cloudevents+json")
            .Produces<SubscriberAnswer>()
            .WithTopic(Topic.PubSubName, topic)
            .WithBulkSubscribe(new BulkSubscribeTopicOptions
            {
                TopicName = topic, MaxMessagesCount = batchSize, MaxAwaitDurationMs = BulkMaxAwaitMilliseconds,
            })
            .WithTags("Integration events")
            .WithName($"On{topic}")
            .AllowAnonymous(); // no user sends events: the app token is checked instead (EventToken)
        return endpoints;
    }
}
