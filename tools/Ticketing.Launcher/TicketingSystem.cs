using System.Net.Sockets;

namespace Ticketing.Launcher;

/// <summary>
/// The whole system on the embedded default: every service and the gateway as separate processes on
/// loopback, SQLite files under the data folder, events over the embedded transport. Used by the
/// launcher and by the system tests alike.
/// </summary>
public sealed class TicketingSystem : IAsyncDisposable
{
    private readonly Dictionary<string, AppProcess> _running = new();
    private readonly IReadOnlyDictionary<string, string> _extraSettings;

    public TicketingSystem(SystemLayout layout, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        Layout = layout;
        _extraSettings = extraSettings ?? new Dictionary<string, string>();
    }

    public SystemLayout Layout { get; }

    public static IEnumerable<AppDefinition> Apps => SystemLayout.Services.Append(SystemLayout.Gateway);

    /// <summary>Starts every app and waits until each answers /health/ready.</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var busy = Layout.AllPorts.Where(PortInUse).ToList();
        if (busy.Count > 0)
            throw new InvalidOperationException($"Port(s) {string.Join(", ", busy)} are already in use. Stop what uses them or set TICKETING_GATEWAY_PORT.");
        foreach (var app in Apps) StartApp(app);
        await Task.WhenAll(Apps.Select(app => WaitUntilReadyAsync(app.AppId, timeout, cancellationToken)));
    }

    public async Task StopAppAsync(string appId)
    {
        if (!_running.Remove(appId, out var process)) return;
        await process.StopAsync();
        process.Dispose();
    }

    public async Task StartAppAsync(string appId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        StartApp(Apps.Single(a => a.AppId == appId));
        await WaitUntilReadyAsync(appId, timeout, cancellationToken);
    }

    public string LogFileOf(string appId) => Path.Combine(Layout.DataDir, "logs", appId + ".log");

    private void StartApp(AppDefinition app)
    {
        if (_running.ContainsKey(app.AppId)) throw new InvalidOperationException($"{app.AppId} is already running.");
        var assembly = BuildOutput.AssemblyPath(app.AssemblyName);
        if (!File.Exists(assembly))
            throw new FileNotFoundException($"{assembly} is missing; build the solution first (dotnet build Ticketing.sln).", assembly);
        _running[app.AppId] = AppProcess.Start(assembly, LogFileOf(app.AppId), EnvironmentOf(app));
    }

    private Dictionary<string, string> EnvironmentOf(AppDefinition app)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = Layout.UrlOf(app.AppId).ToString().TrimEnd('/'),
            ["Ticketing__DataDir"] = Layout.DataDir,
            ["Ticketing__Transport"] = "Embedded",
            ["Ticketing__DatabaseProvider"] = "Sqlite",
            ["Ticketing__LauncherProcessId"] = Environment.ProcessId.ToString(), // apps stop if this process dies
        };
        foreach (var service in SystemLayout.Services)
            environment[$"Ticketing__Services__{service.AppId}"] = Layout.UrlOf(service.AppId).ToString().TrimEnd('/');
        foreach (var (key, value) in _extraSettings) environment[key.Replace(":", "__")] = value;
        return environment;
    }

    private async Task WaitUntilReadyAsync(string appId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ready = new Uri(Layout.UrlOf(appId), "health/ready");
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_running.TryGetValue(appId, out var process) && process.HasExited)
                throw new InvalidOperationException($"{appId} stopped while starting; see {LogFileOf(appId)}:\n{Tail(LogFileOf(appId))}");
            try
            {
                using var response = await http.GetAsync(ready, cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // not listening yet
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"{appId} was not ready within {timeout.TotalSeconds:0} s; see {LogFileOf(appId)}:\n{Tail(LogFileOf(appId))}");
    }

    private static string Tail(string file) =>
        File.Exists(file) ? string.Join('\n', File.ReadLines(file).TakeLast(30)) : "(no log)";

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
        foreach (var appId in _running.Keys.ToList()) await StopAppAsync(appId);
    }
}
