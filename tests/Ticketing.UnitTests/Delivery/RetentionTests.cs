using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Intake.Data;

namespace Ticketing.UnitTests.Delivery;

/// <summary>Neither the outbox nor the processed-event records grow without bound, and nothing still needed goes.</summary>
public sealed class RetentionTests : IDisposable
{
    private readonly TestDatabase<IntakeSqliteDbContext> _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Old_rows_every_subscriber_has_passed_go_in_small_batches_and_newer_or_undelivered_ones_stay()
    {
        await using (var db = _database.NewContext())
        {
            for (var n = 1; n <= 12; n++) db.Publish(DeliveryHosts.Received(n) with { OccurredAt = _database.Clock.GetUtcNow() });
            db.ProcessedEvents.Add(new ProcessedEvent(Guid.NewGuid(), "old", "ticket.state-changed", _database.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
            db.DeliveryCursors.Add(DeliveryCursor.StartAt("workflow", 10)); // rows 11 and 12 still wait for workflow
            db.DeliveryCursors.Add(DeliveryCursor.StartAt("survey", 12));
            await db.SaveChangesAsync();
        }
        _database.Clock.Advance(TimeSpan.FromDays(8));
        await using (var db = _database.NewContext())
        {
            db.Publish(DeliveryHosts.Received(13) with { OccurredAt = _database.Clock.GetUtcNow() });
            db.ProcessedEvents.Add(new ProcessedEvent(Guid.NewGuid(), "recent", "ticket.state-changed", _database.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var removed = await Retention().RemoveExpiredAsync(CancellationToken.None);

        Assert.Equal((10, 1), removed);
        await using var check = _database.NewContext();
        Assert.Equal([11L, 12L, 13L], await check.Outbox.OrderBy(m => m.Sequence).Select(m => m.Sequence).ToListAsync());
        Assert.Equal(["recent"], await check.ProcessedEvents.Select(p => p.Handler).ToListAsync());
    }

    private OutboxRetention Retention()
    {
        var options = Options.Create(new TicketingOptions
        {
            AppId = "intake",
            Services = new(StringComparer.OrdinalIgnoreCase) { ["workflow"] = "http://127.0.0.1:1", ["survey"] = "http://127.0.0.1:2" },
            Outbox = { RetentionBatchSize = 3 },
        });
        var services = new ServiceCollection().AddScoped<ServiceDbContext>(_ => _database.NewContext()).AddHttpClient().BuildServiceProvider();
        var gate = new WriteGate(serialise: true);
        var transport = new EmbeddedTransport(services.GetRequiredService<IHttpClientFactory>(), new PeerDirectory(options), options, _database.Clock);
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        return new OutboxRetention(scopes, transport, new Leases(scopes, gate, _database.Clock), gate, new DatabaseReadiness { Migrated = true },
            options, _database.Clock, NullLogger<OutboxRetention>.Instance);
    }
}
