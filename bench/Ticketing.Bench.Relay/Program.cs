using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Intake.Data;
using Ticketing.Survey.Data;

// Relay throughput: one publisher (intake's schema) commits N events to its outbox; the relay delivers them
// over the embedded transport to two subscribers whose real inbox records each event as processed.
// Reports events/s end to end (first commit → last event handled by both) and the delay commit → handled.
// Usage: dotnet run -c Release --project bench/Ticketing.Bench.Relay -- [events=50000] [events per commit=100]
var events = args.Length > 0 ? int.Parse(args[0]) : 50_000;
var perCommit = args.Length > 1 ? int.Parse(args[1]) : 100;
var dataDir = Path.Combine(Path.GetTempPath(), "ticketing-relay-bench-" + Guid.NewGuid().ToString("N")[..8]);
var clock = Stopwatch.StartNew();
var committedAt = new long[events];
var subscribers = new[] { new Subscriber("workflow", FreePort(), events), new Subscriber("survey", FreePort(), events) };

await using var first = await Host.StartSubscriberAsync(subscribers[0], dataDir, clock);
await using var second = await Host.StartSubscriberAsync(subscribers[1], dataDir, clock);
await using var publisher = await Host.StartPublisherAsync(subscribers, dataDir);
await Task.Delay(1000); // the relays read the subscribers' subscriptions

var numbers = Enumerable.Range(0, events).ToArray();
var started = clock.Elapsed;
foreach (var chunk in numbers.Chunk(perCommit))
{
    await using var scope = publisher.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
    foreach (var n in chunk)
        db.Publish(new TicketReceived(Guid.NewGuid(), $"GD20261125-{n:000000}", Channel.Phone, Category.Complaint, Urgency.Normal, "DC",
            $"基准 {n}", "bench") { Id = Subscriber.IdOf(n) });
    await db.SaveChangesAsync();
    var now = clock.ElapsedTicks;
    foreach (var n in chunk) committedAt[n] = now;
}
var published = clock.Elapsed;
while (subscribers.Any(s => s.Handled < events))
{
    if (clock.Elapsed - published > TimeSpan.FromMinutes(5)) throw new TimeoutException(string.Join(", ", subscribers.Select(s => $"{s.AppId}: {s.Handled}")));
    await Task.Delay(10);
}
var done = clock.Elapsed;

Console.WriteLine($"{events} events, {perCommit} per commit, one publisher → 2 subscribers (embedded transport, bulk, SQLite)");
Console.WriteLine($"published (committed) in {(published - started).TotalSeconds:0.00} s: {events / (published - started).TotalSeconds:0} events/s");
Console.WriteLine($"end to end: {(done - started).TotalSeconds:0.00} s, {events / (done - started).TotalSeconds:0} events/s " +
                  $"({2 * events / (done - started).TotalSeconds:0} deliveries/s)");
foreach (var subscriber in subscribers)
{
    var delays = Enumerable.Range(0, events).Select(n => (subscriber.HandledAt[n] - committedAt[n]) * 1000.0 / Stopwatch.Frequency).Order().ToArray();
    double At(double q) => delays[Math.Min(delays.Length - 1, (int)Math.Ceiling(q * delays.Length) - 1)];
    Console.WriteLine($"commit → handled by {subscriber.AppId}: p50 {At(0.5):0} ms, p99 {At(0.99):0} ms, max {delays[^1]:0} ms; " +
                      $"in order: {subscriber.InOrder}");
}
try { Directory.Delete(dataDir, true); } catch (IOException) { }

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

/// <summary>One subscribing app: when it handled each event, and whether in publication order.</summary>
sealed class Subscriber(string appId, int port, int events)
{
    private int _handled;
    private int _last = -1;

    public string AppId => appId;
    public int Port => port;
    public long[] HandledAt { get; } = new long[events];
    public int Handled => Volatile.Read(ref _handled);
    public bool InOrder { get; private set; } = true;

    /// <summary>Event n's id carries n (plus one: an empty id is not an event).</summary>
    public static Guid IdOf(int n) => new(n + 1, 0, 0, new byte[8]);

    public void Record(Guid eventId, long now)
    {
        var n = BitConverter.ToInt32(eventId.ToByteArray(), 0) - 1;
        if (n != _last + 1) InOrder = false;
        _last = n;
        HandledAt[n] = now;
        Interlocked.Increment(ref _handled);
    }
}

sealed class RecordingHandler(Subscriber subscriber, Stopwatch clock) : IIntegrationEventHandler<TicketReceived>
{
    public Task<EventOutcome> HandleAsync(TicketReceived received, CancellationToken cancellationToken)
    {
        subscriber.Record(received.Id, clock.ElapsedTicks);
        return Task.FromResult(EventOutcome.Handled);
    }
}

static class Host
{
    public static async Task<WebApplication> StartPublisherAsync(IEnumerable<Subscriber> subscribers, string dataDir)
    {
        var builder = Builder(FreePortFor(), dataDir);
        foreach (var s in subscribers) builder.Configuration[$"Ticketing:Services:{s.AppId}"] = $"http://127.0.0.1:{s.Port}";
        builder.AddServiceDefaults("intake");
        builder.AddServiceDatabase<IntakeDbContext, IntakeSqliteDbContext, IntakeSqlServerDbContext>();
        var app = builder.Build();
        app.MapServiceDefaults();
        await app.StartAsync();
        return app;
    }

    public static async Task<WebApplication> StartSubscriberAsync(Subscriber subscriber, string dataDir, Stopwatch clock)
    {
        var builder = Builder(subscriber.Port, dataDir);
        builder.AddServiceDefaults(subscriber.AppId);
        builder.AddServiceDatabase<SurveyDbContext, SurveySqliteDbContext, SurveySqlServerDbContext>();
        builder.Services.AddSingleton(subscriber).AddSingleton(clock);
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapEventHandler<TicketReceived, RecordingHandler>("bench-recording");
        await app.StartAsync();
        return app;
    }

    private static WebApplicationBuilder Builder(int port, string dataDir)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Ticketing:DataDir"] = dataDir;
        return builder;
    }

    private static int FreePortFor()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
