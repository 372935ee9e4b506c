using Ticketing.BuildingBlocks.Access;
using Ticketing.UnitTests.Access;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Intake.Data;
using Ticketing.Survey.Data;

namespace Ticketing.UnitTests.Delivery;

/// <summary>
/// Real hosts on loopback for the delivery tests: a publisher with intake's database and outbox, and
/// subscribers with the real inbox whose handler records what it handled (and can be made to fail).
/// </summary>
public sealed class DeliveryHosts : IAsyncDisposable
{
    private readonly List<WebApplication> _apps = [];

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "ticketing-delivery-" + Guid.NewGuid().ToString("N")[..8]);

    public static Dictionary<string, string?> QuickRetries => new()
    {
        ["Ticketing:Outbox:FirstRetryDelay"] = "00:00:00.050",
        ["Ticketing:Outbox:MaxRetryDelay"] = "00:00:00.200",
        ["Ticketing:Outbox:PollInterval"] = "00:00:00.200",
    };

    /// <summary>A publisher (intake's schema) that delivers to the given subscribers.</summary>
    public async Task<WebApplication> StartPublisherAsync(IReadOnlyDictionary<string, int> subscriberPorts, Dictionary<string, string?>? settings = null)
    {
        var builder = Builder(FreePort(), subscriberPorts, settings);
        builder.AddServiceDefaults("intake");
        builder.AddAccess();
        builder.TrustTestIssuer();
        builder.AddServiceDatabase<IntakeDbContext, IntakeSqliteDbContext, IntakeSqlServerDbContext>();
        var app = builder.Build();
        app.MapServiceDefaults();
        return await StartAsync(app);
    }

    /// <summary>A subscriber of ticket.received whose handler records each ticket it handled.</summary>
    public async Task<WebApplication> StartSubscriberAsync(string appId, int port, RecordedTickets record)
    {
        var builder = Builder(port, new Dictionary<string, int>(), null);
        builder.AddServiceDefaults(appId);
        builder.AddAccess();
        builder.TrustTestIssuer();
        builder.AddServiceDatabase<SurveyDbContext, SurveySqliteDbContext, SurveySqlServerDbContext>();
        builder.Services.AddSingleton(record);
        var app = builder.Build();
        app.Use(async (http, next) => // every delivery that reaches the app, redeliveries included
        {
            if (http.Request.Path.StartsWithSegments("/events")) Interlocked.Increment(ref record.Requests);
            await next(http);
        });
        app.MapServiceDefaults();
        app.MapEventHandler<TicketReceived, RecordingHandler>("recording");
        return await StartAsync(app);
    }

    public static async Task PublishAsync(WebApplication publisher, params IntegrationEvent[] events)
    {
        await using var scope = publisher.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        foreach (var integrationEvent in events) db.Publish(integrationEvent);
        await db.SaveChangesAsync();
    }

    public static TicketReceived Received(int n) =>
        new(Guid.NewGuid(), $"GD20261125-{n:000000}", Channel.Phone, Category.Complaint, Urgency.Normal, "DC", $"来电 {n}", "agent-1");

    public static HttpClient ClientOf(WebApplication app) => new() { BaseAddress = new Uri(app.Urls.Single() + "/") };

    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    /// <summary>A port nothing listens on, never handed out twice (a stopped subscriber's port must stay its own).</summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, true)) return port;
        }
    }

    private WebApplicationBuilder Builder(int port, IReadOnlyDictionary<string, int> peers, Dictionary<string, string?>? settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("TICKETING_TEST_LOGS") == "1") builder.Logging.AddConsole();
        var configuration = new Dictionary<string, string?>(QuickRetries) { ["Ticketing:DataDir"] = DataDir };
        foreach (var (appId, peerPort) in peers) configuration[$"Ticketing:Services:{appId}"] = $"http://127.0.0.1:{peerPort}";
        foreach (var (key, value) in settings ?? []) configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        return builder;
    }

    private async Task<WebApplication> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        _apps.Add(app);
        return app;
    }

    public async Task StopAsync(WebApplication app)
    {
        _apps.Remove(app);
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.AsEnumerable().Reverse()) await app.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); }
        catch (IOException) { /* a file still open; temp is cleaned by the OS */ }
    }
}

/// <summary>What a subscriber's handler did, in order; <see cref="Failing"/> makes it throw for those tickets.</summary>
public sealed class RecordedTickets
{
    public int Requests;
    public ConcurrentQueue<string> Handled { get; } = new();
    public ConcurrentDictionary<Guid, bool> Failing { get; } = new();
}

public sealed class RecordingHandler(RecordedTickets record) : IIntegrationEventHandler<TicketReceived>
{
    public Task<EventOutcome> HandleAsync(TicketReceived received, CancellationToken cancellationToken)
    {
        if (record.Failing.ContainsKey(received.TicketId)) throw new InvalidOperationException($"{received.Number} cannot be handled yet");
        record.Handled.Enqueue(received.Number);
        return Task.FromResult(EventOutcome.Handled);
    }
}

public static class Wait
{
    public static async Task Until(Func<bool> done, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("Timed out waiting for " + what());
            await Task.Delay(20);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> done, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("Timed out waiting for " + what());
            await Task.Delay(50);
        }
    }
}
