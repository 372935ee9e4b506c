using System.Net.Sockets;
using Ticketing.Contracts;

namespace Ticketing.Launcher;

/// <summary>
/// The whole system on the embedded default: every app of <see cref="SystemApps"/> as a separate process on
/// loopback, SQLite files under the data folder, events over the embedded transport. Each app is supervised:
/// restarted when it exits without being asked (<see cref="RestartPolicy"/>). Used by the launcher and by
/// the system tests alike.
/// </summary>
public sealed class TicketingSystem : IAsyncDisposable
{
    private readonly Dictionary<string, SupervisedApp> _running = new();
    private readonly IReadOnlyDictionary<string, string> _extraSettings;
    private readonly CancellationTokenSource _stopping = new();
    private readonly LauncherLog _log;

    public TicketingSystem(SystemLayout layout, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        Layout = layout;
        _extraSettings = extraSettings ?? new Dictionary<string, string>();
        _log = new LauncherLog(Path.Combine(layout.DataDir, "logs", "launcher.log"));
    }

    public SystemLayout Layout { get; }

    /// <summary>Settings for one app only, by app id (e.g. a test that makes one app fail on purpose); they win over the shared ones.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> AppSettings { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.Default;

    /// <summary>Where the launcher notes what happened to the apps: exits, restarts, giving up.</summary>
    public string LauncherLogFile => _log.FilePath;

    /// <summary>Starts every app and waits until each answers /health/ready.</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var busy = Layout.AllPorts.Where(PortInUse).ToList();
        if (busy.Count > 0)
            throw new InvalidOperationException($"Port(s) {string.Join(", ", busy)} are already in use. Stop what uses them or set TICKETING_GATEWAY_PORT.");
        foreach (var app in SystemApps.All) StartApp(app.AppId);
        await Task.WhenAll(SystemApps.All.Select(app => WaitUntilReadyAsync(app.AppId, timeout, cancellationToken)));
    }

    /// <summary>Starts one app under supervision without waiting for it (see <see cref="WaitUntilReadyAsync"/>).</summary>
    public void StartApp(string appId)
    {
        if (_running.ContainsKey(appId)) throw new InvalidOperationException($"{appId} is already running.");
        var app = SystemApps.Of(appId);
        var assembly = BuildOutput.AssemblyPath(app.AssemblyName);
        if (!File.Exists(assembly))
            throw new FileNotFoundException($"{assembly} is missing; build the solution first (dotnet build Ticketing.sln).", assembly);
        _running[appId] = new SupervisedApp(appId, Layout.UrlOf(appId), LogFileOf(appId),
            () => AppProcess.Start(assembly, LogFileOf(appId), EnvironmentOf(app)), RestartPolicy, _log, _stopping.Token);
    }

    public async Task StartAppAsync(string appId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        StartApp(appId);
        await WaitUntilReadyAsync(appId, timeout, cancellationToken);
    }

    /// <summary>Stops one app on purpose: it is not restarted.</summary>
    public async Task StopAppAsync(string appId)
    {
        if (_running.Remove(appId, out var app)) await app.StopAsync();
    }

    /// <summary>Waits until the app answers /health/ready, also through a restart; fails if it is not started or has been given up.</summary>
    public Task WaitUntilReadyAsync(string appId, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _running.TryGetValue(appId, out var app)
            ? app.WaitUntilReadyAsync(timeout, cancellationToken)
            : throw new InvalidOperationException($"{appId} is not started.");

    /// <summary>The app's current process, or null while it is not running.</summary>
    public int? ProcessIdOf(string appId) => _running.GetValueOrDefault(appId)?.ProcessId;

    /// <summary>How often the app has been restarted since it was started.</summary>
    public int RestartsOf(string appId) => _running.GetValueOrDefault(appId)?.Restarts ?? 0;

    /// <summary>Whether the app failed so quickly so often that it is no longer restarted.</summary>
    public bool GaveUp(string appId) => _running.GetValueOrDefault(appId)?.GaveUp ?? false;

    /// <summary>
    /// From now on an app that exits stays down: the system is stopping. Called as soon as Ctrl-C arrives,
    /// since in a terminal the apps get the same Ctrl-C and may exit before the launcher stops them.
    /// </summary>
    public void StopRestarting() => _stopping.Cancel();

    /// <summary>The secret this run's apps authenticate events with: made fresh at every start, never stored.</summary>
    public string AppApiToken { get; } = System.Security.Cryptography.RandomNumberGenerator.GetHexString(40, lowercase: true);

    /// <summary>The secret of the identity service's machine client (ticketing-machine) for this run: made fresh at every start.</summary>
    public string MachineClientSecret { get; } = System.Security.Cryptography.RandomNumberGenerator.GetHexString(40, lowercase: true);

    public string LogFileOf(string appId) => Path.Combine(Layout.DataDir, "logs", appId + ".log");

    private Dictionary<string, string> EnvironmentOf(SystemApp app)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = Layout.UrlOf(app.AppId).ToString().TrimEnd('/'),
            ["Ticketing__DataDir"] = Layout.DataDir,
            ["Ticketing__Transport"] = "Embedded",
            ["Ticketing__DatabaseProvider"] = "Sqlite",
            ["Ticketing__LauncherProcessId"] = Environment.ProcessId.ToString(), // apps stop if this process dies
            ["Ticketing__AppApiToken"] = AppApiToken,
            // Every app accepts the identity service's tokens, found through the gateway as any provider's would be.
            ["Ticketing__Access__Authority"] = Layout.GatewayUrl.ToString(),
            ["Ticketing__Access__RequireHttpsMetadata"] = "false",
            ["Ticketing__Access__MachineClientSecret"] = MachineClientSecret,
        };
        foreach (var service in SystemApps.Services)
            environment[$"Ticketing__Services__{service.AppId}"] = Layout.UrlOf(service.AppId).ToString().TrimEnd('/');
        environment["Ticketing__Console"] = Layout.UrlOf(SystemApps.Web.AppId).ToString().TrimEnd('/'); // the gateway serves it at its root
        if (app == SystemApps.Identity)
        {
            // The embedded sample: tokens name the gateway as issuer, sample users to sign in as, the password grant for curl.
            environment["Identity__Issuer"] = Layout.GatewayUrl.ToString();
            environment["Identity__AllowPasswordGrant"] = "true";
            environment["Identity__SeedSampleUsers"] = "true";
            environment["Identity__MachineClientSecret"] = MachineClientSecret;
        }
        var ownSettings = AppSettings.GetValueOrDefault(app.AppId) ?? new Dictionary<string, string>();
        foreach (var (key, value) in _extraSettings.Concat(ownSettings)) environment[key.Replace(":", "__")] = value;
        return environment;
    }

    private static bool PortInUse(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        StopRestarting();
        foreach (var appId in _running.Keys.ToList()) await StopAppAsync(appId);
        _stopping.Dispose();
    }
}
