using System.Net.Http.Json;
using FluentValidation;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Contracts.Queries;
using Ticketing.Supervision.Calendars;
using Ticketing.Supervision.Clocks;
using Ticketing.Supervision.Data;
using Ticketing.Supervision.Extensions;
using Ticketing.Supervision.Notices;
using Ticketing.Supervision.Policies;
using Ticketing.Supervision.Views;
using Ticketing.UnitTests.Access;
using Ticketing.UnitTests.Delivery;

namespace Ticketing.UnitTests.Supervision;

/// <summary>
/// The supervision service on real Kestrel and a real SQLite file, wired as its Program.cs wires it, on a fake clock.
/// Events arrive as daprd sends them (CloudEvents with the app token), the tick as the Dapr cron binding calls it,
/// commands and views as signed-in clients send them. Dispatch's office list is a fixed one.
/// </summary>
public sealed class SupervisionHost : IAsyncDisposable
{
    public const string AppToken = "supervision-host-test-token";

    /// <summary>Monday 2026-11-23 09:00 in Shanghai: the start of a working day on the default calendar.</summary>
    public static readonly DateTimeOffset MondayNine = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly List<OfficeView> Offices =
    [
        new("SFS-DC", "东城区人民政府"),
        new("SFS-DC-DH", "东华门街道", Parent: "SFS-DC"),
        new("SFS-XC", "西城区人民政府", CalendarCode: "default", TimeZone: "Asia/Shanghai"),
    ];

    private readonly Dictionary<string, string?> _settings;

    private readonly bool _ownsData = true;

    private SupervisionHost(string dataDir, Dictionary<string, string?> settings, FakeTimeProvider? clock = null)
    {
        (DataDir, _settings) = (dataDir, settings);
        if (clock is not null) (Clock, _ownsData) = (clock, false);
    }

    public string DataDir { get; }
    public FakeTimeProvider Clock { get; } = new(MondayNine);

    /// <summary>A second instance of the service on the same database and clock, as two processes sharing a SQLite file.</summary>
    public static async Task<SupervisionHost> StartBesideAsync(SupervisionHost other)
    {
        var host = new SupervisionHost(other.DataDir, other._settings, other.Clock);
        await host.RestartAsync();
        return host;
    }
    public WebApplication App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public static async Task<SupervisionHost> StartAsync(Dictionary<string, string?>? settings = null, bool withTimer = false)
    {
        var host = new SupervisionHost(Path.Combine(Path.GetTempPath(), "ticketing-supervision-" + Guid.NewGuid().ToString("N")[..8]),
            settings ?? []);
        await host.RestartAsync(withTimer);
        return host;
    }

    /// <summary>Stops the service (as a crash or a deployment would) and starts it again on the same database and clock.</summary>
    public async Task RestartAsync(bool withTimer = false)
    {
        if (App is not null) await App.DisposeAsync();
        Client?.Dispose();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{DeliveryHosts.FreePort()}");
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("TICKETING_TEST_LOGS") == "1") builder.Logging.AddConsole();
        var settings = new Dictionary<string, string?>
        {
            ["Ticketing:DataDir"] = DataDir,
            ["Ticketing:AppApiToken"] = AppToken,
            ["Supervision:ScanInterval"] = "00:00:30",
            ["Supervision:OwnTimer"] = withTimer ? "true" : "false", // ticks come from the test, as the Dapr cron binding sends them
        };
        foreach (var (key, value) in _settings) settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(Clock);

        builder.AddServiceDefaults("supervision");
        builder.AddAccess();
        builder.TrustTestIssuer();
        // Tokens are minted on the real clock; the service's own clock is the fake one.
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.TimeProvider = TimeProvider.System);
        builder.AddServiceDatabase<SupervisionDbContext, SupervisionSqliteDbContext, SupervisionSqlServerDbContext>();
        builder.Services.AddSingleton<IDispatchApi>(new FixedOffices());
        builder.AddSlaClocks();
        builder.Services.AddValidatorsFromAssemblyContaining<AddWorkingTimeValidator>();
        builder.Services.Configure<CalendarOptions>(builder.Configuration.GetSection(CalendarOptions.Section));
        builder.Services.AddSingleton<CalendarBook>();
        builder.Services.AddHostedService<CalendarSeed>();

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapClockEndpoints();
        app.MapPolicyEndpoints();
        app.MapNoticeEndpoints();
        app.MapExtensionEndpoints();
        app.MapViewEndpoints();
        app.MapCalendarEndpoints();
        app.MapClockEventHandlers();
        await app.StartAsync();
        App = app;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.Single() + "/"), Timeout = TimeSpan.FromSeconds(30) }.SignIn("specialist-1", Roles.Specialist);
    }

    /// <summary>Delivers an event as daprd would; it happened at <paramref name="at"/> (default: now on the fake clock).</summary>
    public async Task DeliverAsync(IntegrationEvent integrationEvent, DateTimeOffset? at = null)
    {
        var type = integrationEvent.GetType();
        var topic = Topic.Of(type).Name;
        var envelope = new Dictionary<string, object?>
        {
            ["specversion"] = "1.0", ["id"] = integrationEvent.Id.ToString(), ["source"] = "test", ["type"] = Topic.CloudEventType(type),
            ["datacontenttype"] = "application/json", ["topic"] = topic, ["pubsubname"] = Topic.PubSubName,
            ["data"] = integrationEvent with { OccurredAt = at ?? Clock.GetUtcNow() },
        };
        var content = JsonContent.Create(envelope, options: EventJson.Options);
        content.Headers.ContentType = new("application/cloudevents+json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"events/{topic}") { Content = content };
        request.Headers.Add("Cloudevent.type", Topic.CloudEventType(type));
        request.Headers.Add(EventToken.Header, AppToken);
        var response = await Client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode && answer.Contains("SUCCESS"), $"{topic}: {(int)response.StatusCode} {answer}");
    }

    /// <summary>One SLA tick, as the Dapr cron binding calls it.</summary>
    public async Task<JsonElement> TickAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "sla-scan");
        request.Headers.Add(EventToken.Header, AppToken);
        var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Moves the fake clock to <paramref name="at"/> and ticks.</summary>
    public async Task TickAtAsync(DateTimeOffset at)
    {
        if (at > Clock.GetUtcNow()) Clock.SetUtcNow(at);
        await TickAsync();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string role = Roles.Specialist,
        string? office = null, string user = "user-1")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, options: EventJson.Options);
        request.Headers.Authorization = new("Bearer", TestIssuer.TokenFor(user, role, office));
        return await Client.SendAsync(request);
    }

    public async Task<T> GetAsync<T>(string path, string role = Roles.Specialist, string? office = null)
    {
        var response = await SendAsync(HttpMethod.Get, path, role: role, office: office);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<T>(body, EventJson.Options)!;
    }

    public async Task<ClockView> ClockAsync(Guid workItemId) =>
        Assert.Single((await GetAsync<Page<ClockView>>($"clocks?workItemId={workItemId}")).Items);

    /// <summary>The events supervision saved to its outbox, oldest first: (topic, payload).</summary>
    public async Task<List<(string Topic, JsonElement Data)>> PublishedAsync(string? topicPrefix = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupervisionDbContext>();
        return (await db.Outbox.OrderBy(m => m.Sequence).Select(m => new { m.Topic, m.Payload }).ToListAsync())
            .Where(m => topicPrefix is null || m.Topic.StartsWith(topicPrefix, StringComparison.Ordinal))
            .Select(m => (m.Topic, JsonDocument.Parse(m.Payload).RootElement.Clone())).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (!_ownsData) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDir, recursive: true); }
        catch (IOException) { /* a file still open; temp is cleaned by the OS */ }
    }

    private sealed class FixedOffices : IDispatchApi
    {
        public Task<List<RegionView>> GetRegionsAsync(CancellationToken cancellationToken = default) => Task.FromResult(new List<RegionView>());

        public Task<List<OfficeView>> GetOfficesAsync(CancellationToken cancellationToken = default) => Task.FromResult(Offices.ToList());

        public Task<AssignmentPage> GetAssignmentsAsync(Guid? ticketId = null, string? role = null, string? status = null, int? pageSize = null,
            CancellationToken cancellationToken = default) => throw new NotSupportedException("Supervision does not read assignments.");
    }
}
