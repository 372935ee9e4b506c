using Ticketing.BuildingBlocks.Access;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Offices;
using Ticketing.UnitTests.Access;
using Ticketing.UnitTests.Delivery;
using Ticketing.Workflow.Data;
using Ticketing.Workflow.Events;
using Ticketing.Workflow.Instances;
using Ticketing.Workflow.Lifecycle;

namespace Ticketing.UnitTests.Workflow;

/// <summary>
/// The workflow service on real Kestrel and a real SQLite file, wired as its Program.cs wires it, beside a real
/// dispatch (for its office list). Events arrive as daprd would send them, commands as clients send them.
/// </summary>
public sealed class WorkflowHost : IAsyncDisposable
{
    private WebApplication? _dispatch;
    private TimeSpan _timerInterval;

    private WorkflowHost(string dataDir) => DataDir = dataDir;

    /// <summary>The app token events must carry, as a deployment would configure it.</summary>
    public const string AppToken = "workflow-host-test-token";

    public string DataDir { get; }
    public WebApplication App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Starts dispatch and the workflow; the hosted timer loop only ticks when <paramref name="timerInterval"/> is given.</summary>
    public static async Task<WorkflowHost> StartAsync(TimeProvider? clock = null, IReadOnlyList<string>? definitionFolders = null,
        TimeSpan? timerInterval = null)
    {
        var host = new WorkflowHost(Path.Combine(Path.GetTempPath(), "ticketing-workflow-" + Guid.NewGuid().ToString("N")[..8]))
        {
            _timerInterval = timerInterval ?? TimeSpan.FromDays(30),
        };
        var dispatchPort = DeliveryHosts.FreePort();
        host._dispatch = await StartDispatchAsync(host.DataDir, dispatchPort);
        try
        {
            await host.RestartAsync(clock, definitionFolders);
        }
        catch
        {
            await host._dispatch.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>Stops the workflow (as a crash or a deployment would) and starts it again on the same database.</summary>
    public async Task RestartAsync(TimeProvider? clock, IReadOnlyList<string>? definitionFolders)
    {
        if (App is not null) await App.DisposeAsync();
        Client?.Dispose();
        var builder = WebApplication.CreateBuilder();
        var port = DeliveryHosts.FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("TICKETING_TEST_LOGS") == "1") builder.Logging.AddConsole();
        var settings = new Dictionary<string, string?>
        {
            ["Ticketing:DataDir"] = DataDir,
            ["Ticketing:Services:dispatch"] = _dispatch!.Urls.Single(),
            ["Workflow:TimerInterval"] = _timerInterval.ToString("c"),
            ["Ticketing:AppApiToken"] = AppToken,
        };
        var folders = definitionFolders ?? ["Lifecycle/Definitions"];
        for (var i = 0; i < folders.Count; i++) settings[$"Workflow:DefinitionFolders:{i}"] = folders[i];
        builder.Configuration.AddInMemoryCollection(settings);
        if (clock is not null) builder.Services.AddSingleton(clock);

        builder.AddServiceDefaults("workflow");
        builder.AddAccess();
        builder.TrustTestIssuer();
        builder.AddServiceDatabase<WorkflowDbContext, WorkflowSqliteDbContext, WorkflowSqlServerDbContext>();
        builder.AddLifecycleEngine();
        var app = builder.Build();
        app.Services.GetRequiredService<DefinitionCatalogue>(); // as Program.cs: a broken definition stops start-up
        app.MapServiceDefaults();
        app.MapInstanceEndpoints();
        app.MapLifecycleEndpoints();
        app.MapLifecycleEventHandlers();
        await app.StartAsync();
        App = app;
        // Reads as an administrator unless a request names its own caller (InstanceAsync, TriggerAsync).
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.Single() + "/"), Timeout = TimeSpan.FromSeconds(30) }.SignIn("admin1", Roles.Admin);
    }

    private static async Task<WebApplication> StartDispatchAsync(string dataDir, int port)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Ticketing:DataDir"] = dataDir });
        builder.AddServiceDefaults("dispatch");
        builder.AddAccess();
        builder.TrustTestIssuer();
        builder.AddServiceDatabase<DispatchDbContext, DispatchSqliteDbContext, DispatchSqlServerDbContext>();
        builder.Services.Configure<DispatchOptions>(_ => { });
        builder.Services.AddSingleton<OfficeDirectory>();
        builder.Services.AddHostedService<DirectorySeeding>();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapOfficeEndpoints();
        await app.StartAsync();
        return app;
    }

    /// <summary>Delivers an event to the workflow's subscription route as daprd would: a CloudEvent.</summary>
    public async Task DeliverAsync(IntegrationEvent integrationEvent)
    {
        var type = integrationEvent.GetType();
        var topic = Topic.Of(type).Name;
        var envelope = new Dictionary<string, object?>
        {
            ["specversion"] = "1.0", ["id"] = integrationEvent.Id.ToString(), ["source"] = "test", ["type"] = Topic.CloudEventType(type),
            ["datacontenttype"] = "application/json", ["topic"] = topic, ["pubsubname"] = Topic.PubSubName,
            ["data"] = integrationEvent with { OccurredAt = integrationEvent.OccurredAt == default ? DateTimeOffset.UtcNow : integrationEvent.OccurredAt },
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

    public async Task<InstanceDetail> InstanceAsync(Guid ticketId, string role = Roles.Agent, string? office = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"instances/{ticketId}");
        request.Headers.Authorization = new("Bearer", TestIssuer.TokenFor(role + "-1", role, office));
        var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return System.Text.Json.JsonSerializer.Deserialize<InstanceDetail>(body, EventJson.Options)!;
    }

    public async Task<HttpResponseMessage> TriggerAsync(Guid ticketId, string trigger, object? body = null, string role = Roles.Supervisor,
        string user = "sup-1", Guid? requestId = null, string? office = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"instances/{ticketId}/triggers/{trigger}")
        {
            Content = JsonContent.Create(body ?? new { }, options: EventJson.Options),
        };
        request.Headers.Authorization = new("Bearer", TestIssuer.TokenFor(user, role, office));
        if (requestId is not null) request.Headers.Add(InstanceEndpoints.RequestIdHeader, requestId.ToString());
        return await Client.SendAsync(request);
    }

    /// <summary>The events the workflow saved to its outbox for one ticket, oldest first.</summary>
    public async Task<List<(string Topic, string Payload)>> PublishedAsync(Guid ticketId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var id = ticketId.ToString();
        return (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Outbox.OrderBy(m => m.Sequence).Select(m => new { m.Topic, m.Payload })))
            .Where(m => m.Payload.Contains(id)).Select(m => (m.Topic, m.Payload)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (_dispatch is not null) await _dispatch.DisposeAsync();
        SqliteCleanup();
    }

    private void SqliteCleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDir, recursive: true); }
        catch (IOException) { /* a file still open; temp is cleaned by the OS */ }
    }
}
