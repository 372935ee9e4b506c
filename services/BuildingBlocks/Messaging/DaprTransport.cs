using System.Text.Json;
using Dapr.Client;
using Ticketing.Contracts.Events;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>
/// Production transport: publishes through the Dapr sidecar to the <c>ticketing-pubsub</c> component, the one
/// destination; the broker and daprd then deliver to each subscriber on their own.
/// </summary>
public sealed class DaprTransport(DaprClient dapr) : IEventTransport
{
    public IReadOnlyList<string> Destinations { get; } = [Topic.PubSubName];

    public TopicFilter? KnownTopicsOf(string destination) => TopicFilter.Everything;

    public Task<TopicFilter?> TopicsOfAsync(string destination, CancellationToken cancellationToken) =>
        Task.FromResult<TopicFilter?>(TopicFilter.Everything);

    public async Task<IReadOnlyList<DeliveryResult>> DeliverAsync(string destination, IReadOnlyList<OutboxMessage> inOrder,
        CancellationToken cancellationToken)
    {
        var results = new List<DeliveryResult>();
        foreach (var message in inOrder)
        {
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
                results.Add(DeliveryResult.Delivered);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The sidecar or broker did not take it: an outage, not the event's fault, so it is never dead-lettered for it.
                results.Add(new DeliveryResult(DeliveryOutcome.Unreachable, exception.Message));
                break; // keep order: later events wait for this one
            }
        }
        return results;
    }
}
