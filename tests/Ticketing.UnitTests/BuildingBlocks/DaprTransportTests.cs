using System.Buffers.Binary;
using System.Collections.Concurrent;
using Dapr.Client;
using Dapr.Client.Autogen.Grpc.v1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;

namespace Ticketing.UnitTests.BuildingBlocks;

/// <summary>
/// The production transport through the real DaprClient, against a stand-in for daprd's gRPC publish API
/// (no daprd on these machines): what reaches the sidecar, and what happens when it refuses.
/// </summary>
public sealed class DaprTransportTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<PublishEventRequest> _published = new();
    private WebApplication _sidecar = null!;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-23T01:00:00Z"));
    private int _grpcStatus;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        _sidecar = builder.Build();
        _sidecar.MapPost("/dapr.proto.runtime.v1.Dapr/PublishEvent", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var frame = body.ToArray(); // gRPC frame: compressed flag, 4-byte length, message
            var length = BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(1, 4));
            _published.Enqueue(PublishEventRequest.Parser.ParseFrom(frame, 5, length));
            http.Response.ContentType = "application/grpc";
            await http.Response.Body.WriteAsync(new byte[5]); // an empty reply message
            http.Response.AppendTrailer("grpc-status", _grpcStatus.ToString());
        });
        await _sidecar.StartAsync();
    }

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    [Fact]
    public async Task Events_are_published_to_the_ticketing_pubsub_with_their_id_and_type()
    {
        var bus = Bus();
        var accepted = new TicketAccepted(Guid.NewGuid(), "GD20261123-000001", Category.Complaint, Urgency.Urgent, "DC", "agent-1")
            { OccurredAt = DateTimeOffset.UtcNow };
        var message = OutboxMessage.From(accepted);

        var results = await bus.DeliverAsync(Topic.PubSubName, [message], CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, Assert.Single(results).Outcome);
        var request = Assert.Single(_published);
        Assert.Equal((Topic.PubSubName, "ticket.accepted"), (request.PubsubName, request.Topic));
        Assert.Equal(accepted.Id.ToString(), request.Metadata["cloudevent.id"]);
        Assert.Equal("ticketing.ticket.accepted.v1", request.Metadata["cloudevent.type"]);
        Assert.Contains("\"number\":\"GD20261123-000001\"", request.Data.ToStringUtf8());
    }

    [Fact]
    public async Task A_refusing_sidecar_is_an_outage_that_stops_the_run_and_is_never_counted_against_the_event()
    {
        _grpcStatus = 14; // UNAVAILABLE
        var bus = Bus();
        var messages = Enumerable.Range(1, 2).Select(n => OutboxMessage.From(
            new TicketRejected(Guid.NewGuid(), $"GD20261123-00000{n}", "重复", "agent-1") { OccurredAt = DateTimeOffset.UtcNow })).ToList();

        var refused = await bus.DeliverAsync(Topic.PubSubName, messages, CancellationToken.None);
        Assert.Equal(DeliveryOutcome.Unreachable, Assert.Single(refused).Outcome); // the second waits behind the first
        Assert.NotNull(refused[0].Answer);

        _grpcStatus = 0;
        var delivered = await bus.DeliverAsync(Topic.PubSubName, messages, CancellationToken.None);
        Assert.All(delivered, r => Assert.Equal(DeliveryOutcome.Delivered, r.Outcome));
        Assert.Equal(["GD20261123-000001", "GD20261123-000001", "GD20261123-000002"],
            _published.Select(p => System.Text.Json.JsonDocument.Parse(p.Data.ToStringUtf8()).RootElement.GetProperty("number").GetString()));
    }

    private DaprTransport Bus()
    {
        var dapr = new DaprClientBuilder()
            .UseGrpcEndpoint(_sidecar.Urls.Single())
            .UseJsonSerializationOptions(EventJson.Options)
            .Build();
        return new DaprTransport(dapr);
    }
}
