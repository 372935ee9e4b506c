using System.Net;
using System.Net.Sockets;
using Ticketing.Contracts;
using Ticketing.Launcher;

namespace Ticketing.SystemTests;

/// <summary>
/// The gateway's limits, tried on a gateway of their own (low limits, in front of the running system's services),
/// so the rest of the suite keeps its own allowance: per user, per client address without a token, and per client
/// address for sign-in; health checks never.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RateLimitTests(SystemFixture system) : IAsyncLifetime
{
    private const int PerUser = 5, Anonymous = 5, SignIn = 3;

    private readonly int _port = SystemLayout.OnFreePorts(Path.GetTempPath()).GatewayPort;
    private AppProcess? _gateway;

    public async Task InitializeAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_port}",
            ["Ticketing__DataDir"] = system.System.Layout.DataDir,
            ["Ticketing__Access__Authority"] = system.System.Layout.GatewayUrl.ToString(),
            ["Ticketing__Access__RequireHttpsMetadata"] = "false",
            ["Ticketing__Access__MachineClientSecret"] = system.System.MachineClientSecret,
            ["Gateway__RateLimits__PerUserPerMinute"] = PerUser.ToString(),
            ["Gateway__RateLimits__AnonymousPerIpPerMinute"] = Anonymous.ToString(),
            ["Gateway__RateLimits__SignInPerIpPerMinute"] = SignIn.ToString(),
        };
        foreach (var service in SystemApps.Services)
            environment[$"Ticketing__Services__{service.AppId}"] = system.System.Layout.UrlOf(service.AppId).ToString().TrimEnd('/');
        _gateway = AppProcess.Start(BuildOutput.AssemblyPath(SystemApps.Gateway.AssemblyName), system.System.LogFileOf("gateway-limits"), environment);
        using var probe = Client();
        await Eventually.Until(async () => { try { return (await probe.GetAsync("health/ready")).StatusCode; } catch (HttpRequestException) { return HttpStatusCode.ServiceUnavailable; } },
            status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the limits' own gateway to start");
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null) await _gateway.StopAsync();
        _gateway?.Dispose();
    }

    [Fact]
    public async Task Each_user_has_an_allowance_per_minute_then_429_with_retry_after_others_and_health_unaffected()
    {
        using var agent = Client();
        agent.DefaultRequestHeaders.Authorization = new("Bearer", await system.Tokens.ForAsync("agent2"));
        for (var i = 0; i < PerUser; i++) Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("api/dispatch/offices")).StatusCode);
        using var refused = await agent.GetAsync("api/dispatch/offices");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says when to come back");

        using var colleague = Client();
        colleague.DefaultRequestHeaders.Authorization = new("Bearer", await system.Tokens.ForAsync("dispatcher1"));
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("api/dispatch/offices")).StatusCode);
        for (var i = 0; i < 3 * PerUser; i++) Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("health/live")).StatusCode);

        // Without a valid token a client is counted by its address; a made-up token does not buy a fresh allowance.
        using var stranger = Client();
        for (var i = 0; i < Anonymous; i++)
        {
            stranger.DefaultRequestHeaders.Authorization = new("Bearer", $"made.up.{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("api/dispatch/offices")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await stranger.GetAsync("api/dispatch/offices")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_client_address()
    {
        using var guesser = Client();
        for (var i = 0; i < SignIn; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await guesser.PostAsync("connect/token", WrongPassword())).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.PostAsync("connect/token", WrongPassword())).StatusCode);

        // Another address (127.0.0.2 is loopback too) still has its own attempts.
        using var neighbour = Client(IPAddress.Parse("127.0.0.2"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await neighbour.PostAsync("connect/token", WrongPassword())).StatusCode);
    }

    private static FormUrlEncodedContent WrongPassword() => new(new Dictionary<string, string>
    {
        ["grant_type"] = "password", ["client_id"] = "ticketing-console", ["username"] = "no-such-user", ["password"] = "guess",
    });

    /// <summary>A client of the limits' gateway, connecting from <paramref name="from"/> (127.0.0.1 unless given).</summary>
    private HttpClient Client(IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler();
        if (from is not null)
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            };
        return new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{_port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }
}
