using System.Text.Json;
using Dapr.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Contracts.Events;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>Production transport: publishes through the Dapr sidecar to the <c>ticketing-pubsub</c> component.</summary>
public sealed class DaprEventBus(DaprClient dapr, IOptions<TicketingOptions> options, TimeProvider clock, ILogger<DaprEventBus> logger)
    : IEventBus
{
    private readonly DeliveryBackoff _backoff = new();

    public async Task DeliverAsync(IReadOnlyList<OutboxMessage> pending, CancellationToken cancellationToken)
    {
        if (_backoff.Waiting(clock.GetUtcNow())) return;
        foreach (var message in pending)
        {
            message.Attempts++;
            using var publishing = EventTracing.StartPublishing(message);
            try
            {
                using var payload = JsonDocument.Parse(message.Payload);
                var metadata = new Dictionary<string, string>
                {
                    ["cloudevent.id"] = message.EventId.ToString(),
                    ["cloudevent.type"] = message.CloudEventType,
                };
                await dapr.PublishEventAsync(Topic.PubSubName, message.Topic, payload.RootElement, metadata, cancellationToken);
                message.SentAt = clock.GetUtcNow();
                message.LastError = null;
                _backoff.Succeeded();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                message.LastError = exception.Message;
                _backoff.Failed(clock.GetUtcNow(), options.Value.Outbox);
                logger.LogWarning(exception, "Publishing {Topic} {EventId} through Dapr failed; it stays pending", message.Topic, message.EventId);
                return; // keep order: later events wait for this one
            }
        }
    }
}
