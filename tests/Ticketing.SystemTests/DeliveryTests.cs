using System.Net;
using System.Net.Http.Json;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;

namespace Ticketing.SystemTests;

/// <summary>Events survive a subscriber being down, and a redelivery does no work twice.</summary>
[Collection(SystemCollection.Name)]
public sealed class DeliveryTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    [Fact]
    public async Task Events_published_while_a_subscriber_is_down_arrive_once_it_is_back_even_after_the_publisher_restarts_and_none_twice()
    {
        await system.System.StopAppAsync("workflow");
        var tickets = new List<TicketView>();
        try
        {
            // Meanwhile the gateway answers for the missing service with a problem, not a bare error page.
            var unavailable = await _gateway.GetAsync("api/workflow/instances");
            Assert.Equal(System.Net.HttpStatusCode.BadGateway, unavailable.StatusCode);
            Assert.Equal("application/problem+json", unavailable.Content.Headers.ContentType?.MediaType);

            for (var i = 0; i < 5; i++)
            {
                var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(title: $"停机期间来电 {i}", phone: $"1390000000{i}"));
                await _gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/accept");
                tickets.Add(ticket);
            }
            await Task.Delay(1500); // intake's relay retries against the stopped service meanwhile

            // The publisher restarts too: what is still pending lives in its outbox, not in memory.
            await system.System.StopAppAsync("intake");
            await system.System.StartAppAsync("intake", SystemFixture.StartTimeout);
        }
        finally
        {
            await system.System.StartAppAsync("workflow", SystemFixture.StartTimeout);
        }

        foreach (var ticket in tickets)
        {
            var instance = await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"),
                i => i.State == TicketState.Assigned, TimeSpan.FromSeconds(30), $"{ticket.Number} to be assigned");
            Assert.Equal(["Received", "Accept", "Assign"], instance.Timeline.Select(line => line.Kind));
            var assignments = await _gateway.GetAsync<PageOf<AssignmentView>>($"api/dispatch/assignments?ticketId={ticket.Id}");
            Assert.Equal(1, assignments.Total);
        }
    }

    [Fact]
    public async Task A_redelivered_event_is_acknowledged_without_doing_the_work_again()
    {
        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(title: "重复投递"));
        await Eventually.Until(() => _gateway.GetAsync<PageOf<InstanceView>>("api/workflow/instances?state=Received&pageSize=200"),
            page => page.Items.Any(i => i.TicketId == ticket.Id));

        var breach = new SlaBreached(ticket.Id, Guid.NewGuid(), "SFS-DC", "handling", DateTimeOffset.UtcNow) { OccurredAt = DateTimeOffset.UtcNow };
        using var workflow = system.PeerClientFor("workflow");
        for (var delivery = 0; delivery < 3; delivery++)
        {
            var answer = await (await workflow.PostAsync("events/sla.breached", CloudEvent("sla.breached", breach))).ReadAsync<Dictionary<string, string>>();
            Assert.Equal("SUCCESS", answer["status"]);
        }

        var instance = await _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}");
        Assert.Single(instance.Timeline, line => line.Kind == "SlaBreached");
    }

    [Fact]
    public async Task The_callback_queue_stays_usable_while_intake_is_down()
    {
        var (_, _, task) = await Journeys.ToCallbackAsync(_gateway, Calls.NewTicket(title: "回访时受理服务停机"));
        await system.System.StopAppAsync("intake");
        try
        {
            var detail = await _gateway.GetAsync<CallbackTaskDetailView>($"api/callback/tasks/{task.Id}");
            Assert.Null(detail.Ticket);
            Assert.Contains("unavailable", detail.TicketUnavailableReason);
            Assert.Equal(task.Id, detail.Task.Id);
        }
        finally
        {
            await system.System.StartAppAsync("intake", SystemFixture.StartTimeout);
        }
        var recovered = await _gateway.GetAsync<CallbackTaskDetailView>($"api/callback/tasks/{task.Id}");
        Assert.Equal("回访时受理服务停机", recovered.Ticket?.Title);
    }

    [Fact]
    public async Task A_malformed_event_is_dropped_rather_than_retried_for_ever()
    {
        using var workflow = system.PeerClientFor("workflow");
        var content = new StringContent("""{"specversion":"1.0","id":"x","datacontenttype":"application/json","data":{"ticketId":"not a guid"}}""");
        content.Headers.ContentType = new("application/cloudevents+json");
        var answer = await (await workflow.PostAsync("events/ticket.received", content)).ReadAsync<Dictionary<string, string>>();
        Assert.Equal("DROP", answer["status"]);
    }

    [Fact]
    public async Task An_event_without_the_app_token_or_with_another_is_answered_401_and_changes_nothing()
    {
        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(title: "伪造事件"));
        await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"), _ => true);
        var forged = new TicketRejected(ticket.Id, ticket.Number, "伪造的不予受理", "intruder") { OccurredAt = DateTimeOffset.UtcNow };

        using var stranger = system.ClientFor("workflow"); // reaches the service directly, without the token
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsync("events/ticket.rejected", CloudEvent("ticket.rejected", forged))).StatusCode);
        stranger.DefaultRequestHeaders.Add(EventToken.Header, "guessed-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsync("events/ticket.rejected", CloudEvent("ticket.rejected", forged))).StatusCode);

        var instance = await _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}");
        Assert.Equal(TicketState.Received, instance.State);
        Assert.DoesNotContain(instance.Timeline, line => line.Actor == "intruder");
    }

    private static HttpContent CloudEvent(string topic, IntegrationEvent data)
    {
        var content = JsonContent.Create(new Dictionary<string, object>
        {
            ["specversion"] = "1.0",
            ["id"] = data.Id.ToString(),
            ["source"] = "tests",
            ["type"] = Topic.CloudEventType(data.GetType()),
            ["datacontenttype"] = "application/json",
            ["topic"] = topic,
            ["pubsubname"] = Topic.PubSubName,
            ["data"] = data,
        }, options: EventJson.Options);
        content.Headers.ContentType = new("application/cloudevents+json");
        return content;
    }
}
