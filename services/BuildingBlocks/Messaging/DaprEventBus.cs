using System.Text.Json;
using Dapr.Client;
using Microsoft.Extensions.Logging;
using Ticketing.Contracts.Events;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>Production transport: publishes through the Dapr sidecar to the <c>ticketing-pubsub</c> component.</summary>
public sealed class DaprEventBus(DaprClient dapr, TimeProvider clock, ILogger<DaprEventBus> logger) : IEventBus
{
    public async Task DeliverAsync(IReadOnlyList<OutboxMessage> pending, CancellationToken cancellationToken)
    {
        foreach (var message in pending)
        {
            message.Attempts++;
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
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                message.LastError = exception.Message;
                logger.LogWarning(exception, "Publishing {Topic} {EventId} through Dapr failed; it stays pending", message.Topic, message.EventId);
                return; // keep order: later events wait for this one
            }
        }
    }
}
