using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;

namespace Ticketing.UnitTests.BuildingBlocks;

/// <summary>The embedded transport against real subscribers on loopback (Kestrel), as daprd would call them.</summary>
public sealed class EmbeddedTransportTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-23T01:00:00Z"));
    private RecordingSubscriber _workflow = null!;
    private RecordingSubscriber _survey = null!;

    public async Task InitializeAsync()
    {
        _workflow = await RecordingSubscriber.StartAsync("ticket.received", "ticket.accepted");
        _survey = await RecordingSubscriber.StartAsync("callback.completed");
    }

    public async Task DisposeAsync()
    {
        await _workflow.DisposeAsync();
        await _survey.DisposeAsync();
    }

    [Fact]
    public async Task Delivers_a_cloudevent_to_each_subscriber_of_the_topic_and_counts_the_others_as_done()
    {
        var bus = Bus(("workflow", _workflow.Url), ("survey", _survey.Url));
        var received = Received("GD20261123-000001");
        var message = OutboxMessage.From(received);

        var toSurvey = await bus.DeliverAsync("survey", [message], CancellationToken.None);
        var toWorkflow = await bus.DeliverAsync("workflow", [message], CancellationToken.None);

        Assert.Equal([DeliveryOutcome.Delivered], toSurvey.Select(r => r.Outcome)); // not subscribed: nothing to wait for
        Assert.Equal([DeliveryOutcome.Delivered], toWorkflow.Select(r => r.Outcome));
        Assert.Empty(_survey.Deliveries);
        var delivery = Assert.Single(_workflow.Deliveries);
        Assert.Equal("events/ticket.received", delivery.Route);
        Assert.Equal("application/cloudevents+json", delivery.ContentType);
        var envelope = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal("1.0", envelope.GetProperty("specversion").GetString());
        Assert.Equal(received.Id.ToString(), envelope.GetProperty("id").GetString());
        Assert.Equal("intake", envelope.GetProperty("source").GetString());
        Assert.Equal("ticketing.ticket.received.v1", envelope.GetProperty("type").GetString());
        Assert.Equal("ticket.received", envelope.GetProperty("topic").GetString());
        Assert.Equal(Topic.PubSubName, envelope.GetProperty("pubsubname").GetString());
        Assert.Equal("路灯不亮", envelope.GetProperty("data").GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_events_delivery_continues_the_trace_of_the_request_that_published_it()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "registration" or EventTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var registration = new ActivitySource("registration");
        OutboxMessage message;
        string traceId;
        using (var request = registration.StartActivity("POST /tickets")!)
        {
            traceId = request.TraceId.ToString();
            message = OutboxMessage.From(Received("GD20261123-000012"));
        }

        await Bus(("workflow", _workflow.Url)).DeliverAsync("workflow", [message], CancellationToken.None);

        var delivery = Assert.Single(_workflow.Deliveries);
        var envelopeTrace = JsonDocument.Parse(delivery.Body).RootElement.GetProperty("traceparent").GetString();
        Assert.Equal(traceId, envelopeTrace!.Split('-')[1]);
        Assert.Equal(traceId, delivery.TraceParentHeader?.Split('-')[1]);
    }

    [Fact]
    public async Task A_subscriber_asking_to_retry_stops_the_run_there_with_its_answer()
    {
        var bus = Bus(("workflow", _workflow.Url));
        var messages = Enumerable.Range(1, 3).Select(n => OutboxMessage.From(Received($"GD20261123-00000{n}"))).ToList();
        _workflow.Answer = () => Results.Ok(new { status = "RETRY", message = "instance locked" });

        var results = await bus.DeliverAsync("workflow", messages, CancellationToken.None);

        var refused = Assert.Single(results); // the later events wait behind the first
        Assert.Equal(DeliveryOutcome.Refused, refused.Outcome);
        Assert.Contains("instance locked", refused.Answer);
        Assert.Single(_workflow.Deliveries);
    }

    [Fact]
    public async Task A_subscriber_that_is_down_is_unreachable_not_refused()
    {
        var bus = Bus(("callback", new Uri("http://127.0.0.1:1/")));
        var results = await bus.DeliverAsync("callback", [OutboxMessage.From(Received("GD20261123-000009"))], CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Unreachable, Assert.Single(results).Outcome);
        Assert.Null(await bus.TopicsOfAsync("callback", CancellationToken.None));
    }

    [Fact]
    public async Task A_drop_or_an_unknown_route_is_taken_as_dropped_with_the_answer()
    {
        var bus = Bus(("workflow", _workflow.Url));
        _workflow.Answer = () => Results.Ok(new { status = "DROP", message = "unreadable" });
        var dropped = await bus.DeliverAsync("workflow", [OutboxMessage.From(Received("GD20261123-000010"))], CancellationToken.None);
        Assert.Equal(DeliveryOutcome.Dropped, Assert.Single(dropped).Outcome);
        Assert.Contains("unreadable", dropped[0].Answer);

        _workflow.Answer = () => Results.NotFound();
        var unknown = await bus.DeliverAsync("workflow", [OutboxMessage.From(Received("GD20261123-000011"))], CancellationToken.None);
        Assert.Equal(DeliveryOutcome.Dropped, Assert.Single(unknown).Outcome);
    }

    [Fact]
    public async Task A_run_of_one_topic_goes_as_one_bulk_request_to_a_bulk_subscriber_and_each_entry_is_answered()
    {
        await using var bulk = await RecordingSubscriber.StartAsync(bulkMaxMessages: 2, "ticket.received");
        var bus = Bus(("workflow", bulk.Url));
        var messages = Enumerable.Range(1, 3).Select(n => OutboxMessage.From(Received($"GD20261123-00010{n}"))).ToList();
        bulk.BulkAnswer = id => id == messages[2].EventId ? "RETRY" : "SUCCESS";

        var results = await bus.DeliverAsync("workflow", messages, CancellationToken.None);

        Assert.Equal([DeliveryOutcome.Delivered, DeliveryOutcome.Delivered, DeliveryOutcome.Refused], results.Select(r => r.Outcome));
        Assert.Equal(2, bulk.Requests); // two entries, then the third alone
        Assert.Equal(messages.Select(m => m.EventId), bulk.Deliveries.Select(d => d.EventId));
    }

    private EmbeddedTransport Bus(params (string AppId, Uri Url)[] peers)
    {
        var options = Options.Create(new TicketingOptions
        {
            AppId = "intake",
            Services = peers.ToDictionary(p => p.AppId, p => p.Url.ToString(), StringComparer.OrdinalIgnoreCase),
        });
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new EmbeddedTransport(http, new PeerDirectory(options), options, _clock);
    }

    private TicketReceived Received(string number) =>
        new(Guid.NewGuid(), number, Channel.Phone, Category.Complaint, Urgency.Normal, "DC", "路灯不亮", "agent-1") { OccurredAt = _clock.GetUtcNow() };

    /// <summary>A subscriber that lists its topics like Dapr.AspNetCore does and records what it is sent.</summary>
    private sealed class RecordingSubscriber : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private RecordingSubscriber(WebApplication app) => _app = app;

        public ConcurrentQueue<Delivery> Queue { get; } = new();
        public List<Delivery> Deliveries => Queue.ToList();
        public Func<IResult> Answer { get; set; } = () => Results.Ok();
        public Func<Guid, string> BulkAnswer { get; set; } = _ => "SUCCESS";
        public int Requests => _requests;
        public Uri Url => new(_app.Urls.Single() + "/");
        private int _requests;

        public static Task<RecordingSubscriber> StartAsync(params string[] topics) => StartAsync(0, topics);

        public static async Task<RecordingSubscriber> StartAsync(int bulkMaxMessages, params string[] topics)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var subscriber = new RecordingSubscriber(app);
            app.MapGet("/dapr/subscribe", () => topics.Select(t => new
            {
                pubsubName = Topic.PubSubName, topic = t, route = $"events/{t}",
                bulkSubscribe = new { enabled = bulkMaxMessages > 0, maxMessagesCount = bulkMaxMessages },
            }));
            app.MapPost("/events/{topic}", async (string topic, HttpRequest request) =>
            {
                Interlocked.Increment(ref subscriber._requests);
                var body = await new StreamReader(request.Body).ReadToEndAsync();
                var root = JsonDocument.Parse(body).RootElement;
                if (root.TryGetProperty("entries", out var entries))
                {
                    var statuses = new List<object>();
                    foreach (var entry in entries.EnumerateArray())
                    {
                        var entryId = Guid.Parse(entry.GetProperty("entryId").GetString()!);
                        subscriber.Queue.Enqueue(new Delivery($"events/{topic}", request.ContentType ?? "", entry.GetProperty("event").GetRawText(), entryId, null));
                        statuses.Add(new { entryId, status = subscriber.BulkAnswer(entryId) });
                    }
                    return Results.Ok(new { statuses });
                }
                var id = Guid.Parse(root.GetProperty("id").GetString()!);
                subscriber.Queue.Enqueue(new Delivery($"events/{topic}", request.ContentType ?? "", body, id, request.Headers["traceparent"].FirstOrDefault()));
                return subscriber.Answer();
            });
            await app.StartAsync();
            return subscriber;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private sealed record Delivery(string Route, string ContentType, string Body, Guid EventId, string? TraceParentHeader);
}
