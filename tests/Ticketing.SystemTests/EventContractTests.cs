using Ticketing.Contracts;
using Ticketing.Contracts.Events;

namespace Ticketing.SystemTests;

/// <summary>
/// Publishers and subscribers agree: what a service publishes is read from its compiled code (every
/// integration event it constructs), what it subscribes to from its live <c>/dapr/subscribe</c>; and the
/// subscriptions are those <see cref="SystemApps"/> declares (the publications: <see cref="SystemAppsTests"/>).
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
    public async Task Each_service_subscribes_to_exactly_what_SystemApps_declares()
    {
        var subscriptions = await EventCatalogue.SubscriptionsAsync(system);
        foreach (var app in SystemApps.Services)
        {
            var live = subscriptions[app.AppId].Select(s => s.Topic).Order();
            Assert.Equal((app.AppId, string.Join(", ", app.SubscribedTopics.Order())), (app.AppId, string.Join(", ", live)));
        }
    }

    [Fact]
    public async Task A_subscription_route_answers_in_the_dapr_status_contract_and_keeps_a_step_for_an_unknown_ticket_waiting()
    {
        // An event about a ticket nobody knows yet: it waits in the inbox, and the answer is one daprd understands.
        using var followUp = system.PeerClientFor("followup");
        var envelope = new
        {
            specversion = "1.0", id = Guid.NewGuid().ToString(), source = "test", type = "ticketing.work-item.closed.v1",
            datacontenttype = "application/json", topic = "work-item.closed", pubsubname = Topic.PubSubName,
            data = new WorkItemClosed(Guid.NewGuid(), Guid.NewGuid(), WorkItemKind.HandlingCase, WorkItemOutcome.Withdrawn, "closed early")
                { OccurredAt = DateTimeOffset.UtcNow },
        };
        var content = System.Net.Http.Json.JsonContent.Create(envelope, options: Ticketing.BuildingBlocks.Messaging.EventJson.Options);
        content.Headers.ContentType = new("application/cloudevents+json");
        var answer = await (await followUp.PostAsync("events/work-item.closed", content)).ReadAsync<Dictionary<string, string?>>();
        Assert.Equal("SUCCESS", answer["status"]);
        var waiting = await followUp.GetAsync<PageOf<WaitingEventView>>("admin/waiting-events?pageSize=200");
        Assert.Contains(waiting.Items, w => w.EventId == envelope.data.Id && w.Topic == "work-item.closed");
    }
}
