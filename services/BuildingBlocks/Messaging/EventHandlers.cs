using System.Text.Json;
using Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Contracts.Events;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>What a handler decided about an event; the answer to the transport follows daprd's contract.</summary>
public enum EventOutcome
{
    /// <summary>Done; its changes are saved with the processed-event record.</summary>
    Handled,
    /// <summary>Not yet possible (e.g. an earlier event has not arrived); nothing is saved, the transport retries.</summary>
    Retry,
    /// <summary>Can never apply; recorded as processed so it is not tried again.</summary>
    Drop,
}

/// <summary>Handles one integration event. Changes go through the service's DbContext; the subscription saves them.</summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    Task<EventOutcome> HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

public static class EventHandlerEndpoints
{
    /// <summary>
    /// Maps <c>POST /events/{topic}</c>, declared to Dapr with <c>WithTopic</c>. The handler's changes and the
    /// processed-event record are saved in one transaction, so a redelivered event is answered SUCCESS without
    /// doing the work twice.
    /// </summary>
    public static RouteHandlerBuilder MapEventHandler<TEvent, THandler>(this IEndpointRouteBuilder endpoints)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        var topic = Topic.Of<TEvent>().Name;
        var handlerName = typeof(THandler).Name;
        return endpoints.MapPost($"events/{topic}", async (HttpContext http, CancellationToken cancellationToken) =>
            {
                var services = http.RequestServices;
                var integrationEvent = await ReadEventAsync<TEvent>(http, services.GetRequiredService<ILogger<THandler>>(), cancellationToken);
                if (integrationEvent is null) return Results.Ok(new SubscriberAnswer("DROP")); // it would never parse: no retry
                var db = services.GetRequiredService<ServiceDbContext>();
                var gate = services.GetRequiredService<WriteGate>();
                var handler = ActivatorUtilities.GetServiceOrCreateInstance<THandler>(services);
                var logger = services.GetRequiredService<ILogger<THandler>>();

                var outcome = await gate.RunAsync(async () =>
                {
                    if (await AlreadyProcessedAsync(db, integrationEvent.Id, handlerName, cancellationToken))
                        return EventOutcome.Handled;
                    var decided = await handler.HandleAsync(integrationEvent, cancellationToken);
                    if (decided != EventOutcome.Handled) db.ChangeTracker.Clear();
                    if (decided == EventOutcome.Retry) return decided;

                    db.ProcessedEvents.Add(new ProcessedEvent(integrationEvent.Id, handlerName, topic, db.Clock.GetUtcNow()));
                    try
                    {
                        await db.SaveChangesAsync(cancellationToken);
                    }
                    catch (DbUpdateException)
                    {
                        // Another delivery of the same event may have won the race; then its work stands.
                        if (!await AlreadyProcessedAsync(db, integrationEvent.Id, handlerName, cancellationToken)) throw;
                    }
                    return decided;
                }, cancellationToken);

                if (outcome != EventOutcome.Handled)
                    logger.LogWarning("{Handler} answered {Outcome} to {Topic} {EventId}", handlerName, outcome, topic, integrationEvent.Id);
                return Results.Ok(new SubscriberAnswer(outcome switch
                {
                    EventOutcome.Retry => "RETRY",
                    EventOutcome.Drop => "DROP",
                    _ => "SUCCESS",
                }));
            })
            .Accepts<TEvent>("application/json", "application/cloudevents+json")
            .Produces<SubscriberAnswer>()
            .WithTopic(Topic.PubSubName, topic)
            .WithTags("Integration events")
            .WithName($"{handlerName}On{topic}");
    }

    private static async Task<TEvent?> ReadEventAsync<TEvent>(HttpContext http, ILogger logger, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        try
        {
            var integrationEvent = await JsonSerializer.DeserializeAsync<TEvent>(http.Request.Body, EventJson.Options, cancellationToken);
            if (integrationEvent is { Id: var id } && id != Guid.Empty) return integrationEvent;
            logger.LogError("Dropped a {Event} without an id", typeof(TEvent).Name);
        }
        catch (JsonException malformed)
        {
            logger.LogError(malformed, "Dropped a malformed {Event}", typeof(TEvent).Name);
        }
        return null;
    }

    private static async Task<bool> AlreadyProcessedAsync(ServiceDbContext db, Guid eventId, string handler, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.ProcessedEvents.AnyAsync(p => p.EventId == eventId && p.Handler == handler, cancellationToken);
    }
}

/// <summary>The body daprd reads from a subscriber.</summary>
public sealed record SubscriberAnswer(string Status);
