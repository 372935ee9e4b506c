using Mono.Cecil;
using Mono.Cecil.Cil;
using Ticketing.Contracts.Events;
using Ticketing.Launcher;

namespace Ticketing.SystemTests;

/// <summary>
/// Publishers and subscribers agree: what a service publishes is read from its compiled code (every
/// integration event it constructs), what it subscribes to from its live <c>/dapr/subscribe</c>.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EventContractTests(SystemFixture system)
{
    public sealed record Subscription(string PubsubName, string Topic, string Route);

    [Fact]
    public async Task Every_published_topic_has_a_subscriber_and_every_subscription_a_publisher()
    {
        var subscribed = new Dictionary<string, List<string>>();
        foreach (var service in SystemLayout.Services)
        {
            using var client = system.ClientFor(service.AppId);
            var subscriptions = await client.GetAsync<List<Subscription>>("dapr/subscribe");
            Assert.All(subscriptions, s => Assert.Equal(Topic.PubSubName, s.PubsubName));
            Assert.All(subscriptions, s => Assert.Equal($"events/{s.Topic}", s.Route));
            subscribed[service.AppId] = subscriptions.Select(s => s.Topic).ToList();
        }
        var published = SystemLayout.Services.ToDictionary(s => s.AppId, s => PublishedTopics(s.AssemblyName));

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
    public async Task Each_subscription_route_answers_with_the_dapr_status_contract()
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

    private static HashSet<string> PublishedTopics(string assemblyName)
    {
        var path = Path.Combine(BuildOutput.Locate().Replace("{assembly}", assemblyName), assemblyName + ".dll");
        using var module = ModuleDefinition.ReadModule(path);
        return module.GetTypes()
            .SelectMany(type => type.Methods)
            .Where(method => method.HasBody)
            .SelectMany(method => method.Body.Instructions)
            .Where(instruction => instruction.OpCode == OpCodes.Newobj)
            .Select(instruction => ((MethodReference)instruction.Operand).DeclaringType)
            .Where(type => type.Namespace == typeof(IntegrationEvent).Namespace)
            .Select(type => Topic.Catalogue.SingleOrDefault(t => t.Name == type.Name))
            .OfType<Type>()
            .Select(type => Topic.Of(type).Name)
            .ToHashSet();
    }
}
