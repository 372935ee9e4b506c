using System.Net.Http.Json;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Launcher;

namespace Ticketing.SystemTests;

/// <summary>One running system (temporary SQLite files, ephemeral loopback ports) shared by the system tests.</summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ticketing-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public TicketingSystem System { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System = new TicketingSystem(SystemLayout.OnFreePorts(_dataDir), new Dictionary<string, string>
        {
            // Quick enough for a test to watch: a critical ticket breaches in about two seconds.
            ["Supervision:HandlingHours:Critical"] = "0.0005",
            ["Supervision:SignForHours:Critical"] = "0.0005",
            ["Supervision:ScanInterval"] = "00:00:00.500",
            ["Ticketing:Outbox:MaxRetryDelay"] = "00:00:01",
            ["Ticketing:Outbox:BacklogWarningAge"] = "00:00:05", // readiness shows a stalled subscriber within a test's patience
        });
        await System.StartAsync(StartTimeout);
        Gateway = new HttpClient { BaseAddress = System.Layout.GatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient ClientFor(string appId) => new() { BaseAddress = System.Layout.UrlOf(appId), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client that calls a service as its peers and daprd do: with this run's app token on every request.</summary>
    public HttpClient PeerClientFor(string appId)
    {
        var client = ClientFor(appId);
        client.DefaultRequestHeaders.Add(EventToken.Header, System.AppApiToken);
        return client;
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await System.DisposeAsync();
        if (Environment.GetEnvironmentVariable("TICKETING_KEEP_TEST_DATA") == "1") return; // to read the apps' logs
        try { Directory.Delete(_dataDir, recursive: true); }
        catch (IOException) { /* a log still open; the temp folder is cleaned by the OS */ }
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "running system";
}

public static class Http
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, EventJson.Options)!;
    }

    public static async Task<T> GetAsync<T>(this HttpClient client, string path) => await (await client.GetAsync(path)).ReadAsync<T>();

    public static async Task<T> PostAsync<T>(this HttpClient client, string path, object? body = null, string? user = null, string? role = null) =>
        await (await client.SendPostAsync(path, body, user, role)).ReadAsync<T>();

    /// <summary>A POST whose answer the test reads itself (a refusal, say).</summary>
    public static async Task<HttpResponseMessage> SendPostAsync(this HttpClient client, string path, object? body = null, string? user = null,
        string? role = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }, options: EventJson.Options) };
        if (user is not null) request.Headers.Add("X-User-Id", user);
        if (role is not null) request.Headers.Add("X-User-Role", role);
        return await client.SendAsync(request);
    }
}

public static class Eventually
{
    /// <summary>Polls until <paramref name="probe"/> gives a value that satisfies <paramref name="done"/>, or fails with the last value.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        string last;
        do
        {
            try
            {
                var value = await probe();
                if (done(value)) return value;
                last = System.Text.Json.JsonSerializer.Serialize(value, EventJson.Options);
            }
            catch (Xunit.Sdk.XunitException notYet) // e.g. a 404 before the event has arrived
            {
                last = notYet.Message;
            }
            await Task.Delay(25);
        } while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"Timed out waiting for {what ?? "a condition"}; last seen: {last}");
    }
}
