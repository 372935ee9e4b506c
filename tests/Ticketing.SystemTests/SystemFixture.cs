using System.Net;
using System.Net.Http.Json;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Launcher;

namespace Ticketing.SystemTests;

/// <summary>One running system (temporary SQLite files, ephemeral loopback ports) shared by the system tests.</summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ticketing-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public const string SurveyLinkKey = "system-tests-survey-link-key-0123456789";

    public TicketingSystem System { get; private set; } = null!;

    /// <summary>The gateway, each request signed in as the sample user who would send it (<see cref="SignedInHandler"/>).</summary>
    public HttpClient Gateway { get; private set; } = null!;

    public SampleTokens Tokens { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System = new TicketingSystem(SystemLayout.OnFreePorts(_dataDir), new Dictionary<string, string>
        {
            // Quick enough for a test to watch: a critical ticket breaches in about two seconds.
            ["Supervision:HandlingHours:Critical"] = "0.0005",
            ["Supervision:SignForHours:Critical"] = "0.0005",
            ["Supervision:NaturalTimeUrgencies:0"] = "Critical", // round the clock, so the breach comes whenever the suite runs
            ["Supervision:ScanInterval"] = "00:00:00.500",
            ["Ticketing:Outbox:MaxRetryDelay"] = "00:00:01",
            ["Ticketing:Outbox:BacklogWarningAge"] = "00:00:05", // readiness shows a stalled subscriber within a test's patience
            // The suite polls far faster than people click, from one address; RateLimitTests try the limits on a gateway of their own.
            ["Gateway:RateLimits:PerUserPerMinute"] = "100000",
            ["Gateway:RateLimits:AnonymousPerIpPerMinute"] = "100000",
            ["Gateway:RateLimits:SignInPerIpPerMinute"] = "1000",
            // Failed callbacks count at once (the 2-hour spacing is unit-tested on a fake clock); the survey's key is known,
            // so a test can sign a token itself (an expired one, say).
            ["Callback:AttemptsApart"] = "00:00:00",
            ["Survey:LinkKey"] = SurveyLinkKey,
        });
        await System.StartAsync(StartTimeout);
        Tokens = new SampleTokens(System.Layout.GatewayUrl);
        Gateway = new HttpClient(new SignedInHandler(Tokens)) { BaseAddress = System.Layout.GatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A service reached directly, each request signed in as <see cref="Gateway"/>'s are.</summary>
    public HttpClient ClientFor(string appId) =>
        new(new SignedInHandler(Tokens)) { BaseAddress = System.Layout.UrlOf(appId), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The gateway with no token at all (answers in English, as <see cref="Gateway"/>'s).</summary>
    public HttpClient AnonymousGateway => InEnglish(new() { BaseAddress = System.Layout.GatewayUrl, Timeout = TimeSpan.FromSeconds(30) });

    /// <summary>A service reached directly, with no token at all.</summary>
    public HttpClient AnonymousClientFor(string appId) =>
        InEnglish(new() { BaseAddress = System.Layout.UrlOf(appId), Timeout = TimeSpan.FromSeconds(30) });

    private static HttpClient InEnglish(HttpClient client)
    {
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(SignedInHandler.English);
        return client;
    }

    /// <summary>A client that calls a service as its peers and daprd do: with this run's app token on every request.</summary>
    public HttpClient PeerClientFor(string appId)
    {
        var client = ClientFor(appId);
        client.DefaultRequestHeaders.Add(EventToken.Header, System.AppApiToken);
        return client;
    }

    /// <summary>
    /// Waits until every service has delivered every event it published (nothing pending for any subscriber), in one
    /// pass that finds them all so: an event handled in one service may have published the next in another.
    /// </summary>
    public async Task SettledAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var publishers = Ticketing.Contracts.SystemApps.Services.Where(s => s.Publishes.Count > 0).ToList();
        while (true)
        {
            var pending = new List<string>();
            foreach (var service in publishers)
            {
                using var client = ClientFor(service.AppId);
                var status = await client.GetAsync<DeliveryStatus>("admin/backlog");
                pending.AddRange(status.Subscribers.Where(s => s.Pending > 0).Select(s => $"{service.AppId}→{s.Subscriber}: {s.Pending}"));
            }
            if (pending.Count == 0) return;
            if (DateTime.UtcNow > deadline) Assert.Fail("Events still pending: " + string.Join(", ", pending));
            await Task.Delay(50);
        }
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

    /// <summary>
    /// A POST whose answer the test reads itself (a refusal, say); as the sample user <paramref name="user"/>, or as
    /// the sample user of <paramref name="role"/>, or as whoever would send it (<see cref="SignedInHandler"/>).
    /// </summary>
    public static async Task<HttpResponseMessage> SendPostAsync(this HttpClient client, string path, object? body = null, string? user = null,
        string? role = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }, options: EventJson.Options) };
        request.SignedInAs(user ?? (role is null ? null : SignedInHandler.UserOfRole[role]));
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

public static class Problems
{
    /// <summary>The answer is an RFC 7807 problem with the <paramref name="expected"/> status; its body as a view.</summary>
    public static async Task<ProblemView> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return System.Text.Json.JsonSerializer.Deserialize<ProblemView>(body, EventJson.Options)!;
    }
}
