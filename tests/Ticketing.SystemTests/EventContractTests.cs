using Ticketing.Contracts.Events;

namespace Ticketing.SystemTests;

/// <summary>
/// Publishers and subscribers agree: what a service publishes is read from its compiled code (every
/// integration event it constructs), what it subscribes to from its live <c>/dapr/subscribe</c>.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EventContractTests(SystemFixture system)
{
    [Fact]
    public async Task Every_published_topic_has_a_subscriber_and_every_subscription_a_publisher()
    {
        var subscriptions = await EventCatalogue.SubscriptionsAsync(system);
        Assert.All(subscriptions.Values.SelectMany(s => s), s => Assert.Equal(Topic.PubSubName, s.PubsubName));
        Assert.All(subscriptions.Values.SelectMany(s => s), s => Assert.Equal($"events/{s.Topic}", s.Route));
        var subscribed = subscriptions.ToDictionary(s => s.Key, s => s.Value.Select(x => x.Topic).ToHashSet());
        var published = EventCatalogue.PublishedTopics();

        var allSubscribed = subscribed.Values.SelectMany(t => t).ToHashSet();
        var allPublished = published.Values.SelectMany(t => t).ToHashSet();
        Assert.Empty(allPublished.Except(allSubscribed));
        Assert.Empty(allSubscribed.Except(allPublished));
        Assert.Equal(Topic.Catalogue.Select(t => Topic.Of(t).Name).Order(), allPublished.Order());

        // Spot checks that the analysis sees what it should.
        Assert.Contains("ticket.received", published["intake"]);
        Assert.Contains("dispatch.requested", published["workflow"]);
        Assert.Contains("dispatch.requested", subscribed["dispatch"]);
    }

    [Fact]
    public async Task A_subscription_route_answers_in_the_dapr_status_contract()
    {
        // An event about a ticket nobody knows: the handler answers, and the answer is one daprd understands.
        using var followUp = system.ClientFor("followup");
        var envelope = new
        {
            specversion = "1.0", id = Guid.NewGuid().ToString(), source = "test", type = "ticketing.ticket.reopened.v1",
            datacontenttype = "application/json", topic = "ticket.reopened", pubsubname = Topic.PubSubName,
            data = new TicketReopened(Guid.NewGuid(), "GD20260101-000001", "SFS-DC", 1) { OccurredAt = DateTimeOffset.UtcNow },
        };
        var content = System.Net.Http.Json.JsonContent.Create(envelope, options: Ticketing.BuildingBlocks.Messaging.EventJson.Options);
        content.Headers.ContentType = new("application/cloudevents+json");
        var answer = await (await followUp.PostAsync("events/ticket.reopened", content)).ReadAsync<Dictionary<string, string>>();
        Assert.Equal("DROP", answer["status"]);
    }
}
