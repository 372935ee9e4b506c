using System.Net;
using System.Net.Sockets;

namespace Ticketing.Launcher;

/// <summary>One app of the system: its Dapr app id and the assembly the build produces for it.</summary>
public sealed record AppDefinition(string AppId, string AssemblyName);

/// <summary>Where each app listens and keeps its data.</summary>
public sealed record SystemLayout(int GatewayPort, IReadOnlyDictionary<string, int> ServicePorts, string DataDir)
{
    public static readonly AppDefinition Gateway = new("gateway", "Ticketing.Gateway");

    /// <summary>The services in start order; by default each listens on the gateway port + its position.</summary>
    public static readonly IReadOnlyList<AppDefinition> Services =
    [
        new("intake", "Ticketing.Intake"),
        new("workflow", "Ticketing.Workflow"),
        new("dispatch", "Ticketing.Dispatch"),
        new("supervision", "Ticketing.Supervision"),
        new("followup", "Ticketing.FollowUp"),
        new("callback", "Ticketing.Callback"),
        new("survey", "Ticketing.Survey"),
    ];

    public static SystemLayout Beside(int gatewayPort, string dataDir) => new(
        gatewayPort,
        Services.Select((app, index) => (app.AppId, Port: gatewayPort + index + 1)).ToDictionary(p => p.AppId, p => p.Port),
        Path.GetFullPath(dataDir));

    /// <summary>Every app on a port the OS has just handed out (for tests that run beside anything else).</summary>
    public static SystemLayout OnFreePorts(string dataDir) => new(
        FreePort(),
        Services.ToDictionary(app => app.AppId, _ => FreePort()),
        Path.GetFullPath(dataDir));

    public Uri GatewayUrl => new($"http://127.0.0.1:{GatewayPort}/");

    public Uri UrlOf(string appId) => appId == Gateway.AppId ? GatewayUrl : new Uri($"http://127.0.0.1:{ServicePorts[appId]}/");

    public IEnumerable<int> AllPorts => ServicePorts.Values.Append(GatewayPort);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
