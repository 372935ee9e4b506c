using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;

namespace Ticketing.UnitTests.BuildingBlocks;

/// <summary>The embedded transport against real subscribers on loopback (Kestrel), as daprd would call them.</summary>
public sealed class EmbeddedEventBusTests : IAsyncLifetime
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

        await bus.DeliverAsync([message], CancellationToken.None);

        Assert.NotNull(message.SentAt);
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

        await Bus(("workflow", _workflow.Url)).DeliverAsync([message], CancellationToken.None);

        var delivery = Assert.Single(_workflow.Deliveries);
        var envelopeTrace = JsonDocument.Parse(delivery.Body).RootElement.GetProperty("traceparent").GetString();
        Assert.Equal(traceId, envelopeTrace!.Split('-')[1]);
        Assert.Equal(traceId, delivery.TraceParentHeader?.Split('-')[1]);
    }

    [Fact]
    public async Task A_subscriber_asking_to_retry_keeps_its_events_pending_in_order_and_gets_them_after_the_backoff()
    {
        var bus = Bus(("workflow", _workflow.Url));
        var messages = Enumerable.Range(1, 3).Select(n => OutboxMessage.From(Received($"GD20261123-00000{n}"))).ToList();
        _workflow.Answer = () => Results.Ok(new { status = "RETRY" });

        await bus.DeliverAsync(messages, CancellationToken.None);
        Assert.All(messages, m => Assert.Null(m.SentAt));
        Assert.Single(_workflow.Deliveries); // the later events wait behind the first

        _workflow.Answer = () => Results.Ok(new { status = "SUCCESS" });
        await bus.DeliverAsync(messages, CancellationToken.None);
        Assert.Single(_workflow.Deliveries); // still backing off

        _clock.Advance(TimeSpan.FromSeconds(1));
        await bus.DeliverAsync(messages, CancellationToken.None);
        Assert.All(messages, m => Assert.NotNull(m.SentAt));
        Assert.Equal(
            [messages[0].EventId, messages[0].EventId, messages[1].EventId, messages[2].EventId],
            _workflow.Deliveries.Select(d => d.EventId));
    }

    [Fact]
    public async Task A_subscriber_that_is_down_leaves_the_event_pending_while_the_others_get_it()
    {
        var bus = Bus(("workflow", _workflow.Url), ("callback", new Uri("http://127.0.0.1:1/")));
        var message = OutboxMessage.From(Received("GD20261123-000009"));

        await bus.DeliverAsync([message], CancellationToken.None);

        Assert.Null(message.SentAt);
        Assert.Equal("workflow", message.DeliveredTo);
        Assert.Contains("callback", message.LastError);
        Assert.Single(_workflow.Deliveries);
    }

    [Fact]
    public async Task A_dropped_or_unknown_route_counts_as_delivered()
    {
        var bus = Bus(("workflow", _workflow.Url));
        _workflow.Answer = () => Results.Ok(new { status = "DROP" });
        var dropped = OutboxMessage.From(Received("GD20261123-000010"));
        await bus.DeliverAsync([dropped], CancellationToken.None);
        Assert.NotNull(dropped.SentAt);

        _workflow.Answer = () => Results.NotFound();
        var unknown = OutboxMessage.From(Received("GD20261123-000011"));
        await bus.DeliverAsync([unknown], CancellationToken.None);
        Assert.NotNull(unknown.SentAt);
    }

    private EmbeddedEventBus Bus(params (string AppId, Uri Url)[] peers)
    {
        var options = Options.Create(new TicketingOptions
        {
            AppId = "intake",
            Services = peers.ToDictionary(p => p.AppId, p => p.Url.ToString(), StringComparer.OrdinalIgnoreCase),
        });
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new EmbeddedEventBus(http, new PeerDirectory(options), options, _clock, NullLogger<EmbeddedEventBus>.Instance);
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
        public Uri Url => new(_app.Urls.Single() + "/");

        public static async Task<RecordingSubscriber> StartAsync(params string[] topics)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var subscriber = new RecordingSubscriber(app);
            app.MapGet("/dapr/subscribe", () => topics.Select(t => new { pubsubName = Topic.PubSubName, topic = t, route = $"events/{t}" }));
            app.MapPost("/events/{topic}", async (string topic, HttpRequest request) =>
            {
                var body = await new StreamReader(request.Body).ReadToEndAsync();
                var id = Guid.Parse(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
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
