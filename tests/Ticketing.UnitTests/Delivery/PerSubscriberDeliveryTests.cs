using Ticketing.BuildingBlocks.Access;
using Ticketing.UnitTests.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.BuildingBlocks.Messaging;

namespace Ticketing.UnitTests.Delivery;

/// <summary>The outbox relay and the inbox on real hosts, real SQLite files and real HTTP.</summary>
public sealed class PerSubscriberDeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);
    private readonly DeliveryHosts _hosts = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task A_subscriber_that_is_down_delays_only_its_own_events_and_gets_them_in_order_once_back()
    {
        var (workflowPort, surveyPort) = (DeliveryHosts.FreePort(), DeliveryHosts.FreePort());
        var workflow = new RecordedTickets();
        var survey = new RecordedTickets();
        await _hosts.StartSubscriberAsync("workflow", workflowPort, workflow);
        var publisher = await _hosts.StartPublisherAsync(new Dictionary<string, int> { ["workflow"] = workflowPort, ["survey"] = surveyPort },
            new() { ["Ticketing:Outbox:BatchSize"] = "7" }); // several passes
        var events = Enumerable.Range(1, 30).Select(DeliveryHosts.Received).ToArray();
        var numbers = events.Select(e => e.Number).ToList();

        foreach (var chunk in events.Chunk(4)) await DeliveryHosts.PublishAsync(publisher, chunk);

        await Wait.Until(() => workflow.Handled.Count == 30, Soon, () => $"workflow to handle 30, has {workflow.Handled.Count}");
        Assert.Equal(numbers, workflow.Handled);
        using var admin = DeliveryHosts.ClientOf(publisher).SignIn("admin1", Roles.Admin);
        DeliveryStatus? backlog = null;
        await Wait.UntilAsync(async () => (backlog = await admin.GetFromJsonAsync<DeliveryStatus>("admin/backlog", EventJson.Options))!
            .Subscribers.Select(s => (s.Subscriber, s.Pending)).SequenceEqual([("survey", 30), ("workflow", 0)]), Soon,
            () => "the backlog to show survey's 30 events and none for workflow");

        await _hosts.StartSubscriberAsync("survey", surveyPort, survey);
        await Wait.Until(() => survey.Handled.Count == 30, Soon, () => $"survey to catch up, has {survey.Handled.Count}");
        Assert.Equal(numbers, survey.Handled);
    }

    [Fact]
    public async Task An_event_its_handler_keeps_failing_is_dead_lettered_after_N_tries_the_rest_flow_past_and_a_requeue_delivers_it_once()
    {
        var port = DeliveryHosts.FreePort();
        var workflow = new RecordedTickets();
        await _hosts.StartSubscriberAsync("workflow", port, workflow);
        var publisher = await _hosts.StartPublisherAsync(new Dictionary<string, int> { ["workflow"] = port },
            new() { ["Ticketing:Outbox:MaxAttempts"] = "4" });
        var (first, poison, third, fourth) = (DeliveryHosts.Received(1), DeliveryHosts.Received(2), DeliveryHosts.Received(3), DeliveryHosts.Received(4));
        workflow.Failing[poison.TicketId] = true;

        await DeliveryHosts.PublishAsync(publisher, first, poison, third, fourth);

        await Wait.Until(() => workflow.Handled.Count == 3, Soon, () => $"the events after the poisoned one, has {string.Join(",", workflow.Handled)}");
        Assert.Equal([first.Number, third.Number, fourth.Number], workflow.Handled);
        using var admin = DeliveryHosts.ClientOf(publisher).SignIn("admin1", Roles.Admin);
        var letters = await admin.GetFromJsonAsync<PageOf<DeadLetterView>>("admin/dead-letters", EventJson.Options);
        var letter = Assert.Single(letters!.Items);
        Assert.Equal((poison.Id, "workflow", DeadLetterStatus.Dead, 4), (letter.EventId, letter.Subscriber, letter.Status, letter.Attempts));
        Assert.Equal("Refused 4 times.", letter.Reason);
        Assert.Contains("cannot be handled yet", letter.LastAnswer); // the subscriber's own last answer

        workflow.Failing.Clear(); // the cause is fixed
        var requeue = await admin.PostAsJsonAsync("admin/dead-letters", new { subscriber = "workflow" });
        Assert.Equal(HttpStatusCode.Accepted, requeue.StatusCode);
        Assert.Contains("\"requeued\":1", await requeue.Content.ReadAsStringAsync());
        await Wait.UntilAsync(async () => (await admin.GetFromJsonAsync<PageOf<DeadLetterView>>("admin/dead-letters", EventJson.Options))!
            .Items.Single().Status == DeadLetterStatus.Redelivered, Soon, () => "the requeued event to be redelivered");
        Assert.Equal([first.Number, third.Number, fourth.Number, poison.Number], workflow.Handled);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("admin/dead-letters", new { })).StatusCode);
        var again = await admin.PostAsync($"admin/dead-letters/{letter.Id}/requeue", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("admin/dead-letters/999999/requeue", null)).StatusCode);
    }

    [Fact]
    public async Task Readiness_turns_degraded_while_a_subscriber_is_down_and_healthy_once_it_has_drained()
    {
        var port = DeliveryHosts.FreePort();
        var publisher = await _hosts.StartPublisherAsync(new Dictionary<string, int> { ["survey"] = port },
            new() { ["Ticketing:Outbox:BacklogWarningAge"] = "00:00:01" });
        using var client = DeliveryHosts.ClientOf(publisher);
        await Wait.UntilAsync(async () => (await client.GetAsync("health/ready")).IsSuccessStatusCode, Soon, () => "the publisher to be ready");
        Assert.Equal("Healthy", await ReadinessAsync(client));

        await DeliveryHosts.PublishAsync(publisher, DeliveryHosts.Received(1));
        await Wait.UntilAsync(async () => await ReadinessAsync(client) == "Degraded", Soon, () => "readiness to turn Degraded");
        var degraded = await client.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode); // still serving
        Assert.Contains("wait for survey", await degraded.Content.ReadAsStringAsync());

        var survey = new RecordedTickets();
        await _hosts.StartSubscriberAsync("survey", port, survey);
        await Wait.UntilAsync(async () => await ReadinessAsync(client) == "Healthy", Soon, () => "readiness to be Healthy again");
        Assert.Single(survey.Handled);
    }

    [Fact]
    public async Task The_backlog_is_a_metric_per_subscriber()
    {
        var port = DeliveryHosts.FreePort();
        var publisher = await _hosts.StartPublisherAsync(new Dictionary<string, int> { ["survey"] = port });
        await DeliveryHosts.PublishAsync(publisher, DeliveryHosts.Received(1), DeliveryHosts.Received(2));
        var measured = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DeliveryBacklog.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "subscriber", Value: "survey" }) measured[instrument.Name] = value;
        });
        listener.Start();

        await Wait.Until(() =>
        {
            listener.RecordObservableInstruments();
            return measured.GetValueOrDefault("ticketing.events.pending") == 2 && measured.GetValueOrDefault("ticketing.events.oldest_pending_age") > 0;
        }, Soon, () => $"the metrics to show survey's backlog, saw {string.Join(", ", measured)}");
        Assert.Equal(0, measured["ticketing.events.dead_letters"]);
    }

    [Fact]
    public async Task Two_instances_sharing_one_database_deliver_each_event_once_and_in_order()
    {
        var port = DeliveryHosts.FreePort();
        var workflow = new RecordedTickets();
        await _hosts.StartSubscriberAsync("workflow", port, workflow);
        var peers = new Dictionary<string, int> { ["workflow"] = port };
        var first = await _hosts.StartPublisherAsync(peers, new() { ["Ticketing:Outbox:BatchSize"] = "5" });
        var second = await _hosts.StartPublisherAsync(peers, new() { ["Ticketing:Outbox:BatchSize"] = "5" });
        var events = Enumerable.Range(1, 120).Select(DeliveryHosts.Received).ToArray();

        // Both instances publish into the one outbox, in turns, while both relays run.
        foreach (var (chunk, index) in events.Chunk(3).Select((c, i) => (c, i)))
            await DeliveryHosts.PublishAsync(index % 2 == 0 ? first : second, chunk);
        await Wait.Until(() => workflow.Handled.Count >= 120, Soon, () => $"120 handled, has {workflow.Handled.Count}");

        Assert.Equal(events.Select(e => e.Number), workflow.Handled); // once each, in publication order
        Assert.Equal(events.Length, workflow.Handled.Distinct().Count());

        // The instance holding the deliveries stops; the other takes over what is published next.
        await _hosts.StopAsync(first);
        var later = Enumerable.Range(121, 10).Select(DeliveryHosts.Received).ToArray();
        await DeliveryHosts.PublishAsync(second, later);
        await Wait.Until(() => workflow.Handled.Count >= 130, Soon, () => $"130 handled, has {workflow.Handled.Count}");
        Assert.Equal(events.Concat(later).Select(e => e.Number), workflow.Handled);
    }

    private static async Task<string> ReadinessAsync(HttpClient client)
    {
        using var response = await client.GetAsync("health/ready");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("status").GetString()!;
    }

    private sealed record PageOf<T>(List<T> Items, int PageNumber, int PageSize, int Total);
}
