using System.Net;
using System.Text.Json;
using Ticketing.BuildingBlocks.Messaging;

namespace Ticketing.UnitTests.BuildingBlocks;

public sealed class DaprAnswerTests
{
    [Theory]
    [InlineData(200, "", DeliveryOutcome.Delivered)]
    [InlineData(204, "", DeliveryOutcome.Delivered)]
    [InlineData(200, """{"status":"SUCCESS"}""", DeliveryOutcome.Delivered)]
    [InlineData(200, """{"status":"success"}""", DeliveryOutcome.Delivered)]
    [InlineData(200, """{"status":"DROP"}""", DeliveryOutcome.Dropped)]
    [InlineData(200, """{"status":"RETRY"}""", DeliveryOutcome.Refused)]
    [InlineData(200, """{"status":"MAYBE"}""", DeliveryOutcome.Refused)]
    [InlineData(200, """{"other":"field"}""", DeliveryOutcome.Delivered)]
    [InlineData(200, "plain text", DeliveryOutcome.Delivered)]
    [InlineData(404, "", DeliveryOutcome.Dropped)]
    [InlineData(400, "", DeliveryOutcome.Refused)]
    [InlineData(500, """{"status":"SUCCESS"}""", DeliveryOutcome.Refused)]
    [InlineData(503, "", DeliveryOutcome.Refused)]
    public void Answers_are_read_by_daprds_rules(int status, string body, DeliveryOutcome expected) =>
        Assert.Equal(expected, DaprAnswer.Read((HttpStatusCode)status, body));

    [Fact]
    public void Subscriptions_are_read_with_or_without_a_leading_slash_and_with_routing_rules()
    {
        const string answer = """
            [{"pubsubName":"ticketing-pubsub","topic":"ticket.accepted","route":"events/ticket.accepted"},
             {"pubsubname":"ticketing-pubsub","topic":"ticket.received","routes":{"default":"/events/received","rules":[{"match":"x","path":"/other"}]}},
             {"pubsubName":"another-pubsub","topic":"ticket.accepted","route":"elsewhere"},
             {"pubsubName":"ticketing-pubsub","topic":"ticket.assigned","route":"events/ticket.assigned","bulkSubscribe":{"enabled":true,"maxMessagesCount":50}}]
            """;
        var routes = DaprSubscription.RoutesOf(JsonSerializer.Deserialize<List<DaprSubscription>>(answer, EventJson.Options)!);
        Assert.Equal(
            [new SubscribedRoute("ticket.accepted", "events/ticket.accepted"), new SubscribedRoute("ticket.received", "/events/received"),
             new SubscribedRoute("ticket.assigned", "events/ticket.assigned", 50)],
            routes);
    }
}
