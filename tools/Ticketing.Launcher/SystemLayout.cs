using System.Net;
using System.Net.Sockets;
using Ticketing.Contracts;

namespace Ticketing.Launcher;

/// <summary>Where each app (by app id, see <see cref="SystemApps"/>) listens and where the system keeps its data.</summary>
public sealed record SystemLayout(IReadOnlyDictionary<string, int> Ports, string DataDir)
{
    /// <summary>Each app on the gateway port + its offset, as the README and the Dapr run file have them.</summary>
    public static SystemLayout Beside(int gatewayPort, string dataDir) => new(
        SystemApps.All.ToDictionary(app => app.AppId, app => gatewayPort + app.PortOffset),
        Path.GetFullPath(dataDir));

    /// <summary>Every app on a port the OS has just handed out (for tests that run beside anything else).</summary>
    public static SystemLayout OnFreePorts(string dataDir) => new(
        SystemApps.All.ToDictionary(app => app.AppId, _ => FreePort()),
        Path.GetFullPath(dataDir));

    public int GatewayPort => Ports[SystemApps.Gateway.AppId];

    public Uri GatewayUrl => UrlOf(SystemApps.Gateway.AppId);

    public Uri UrlOf(string appId) => new($"http://127.0.0.1:{Ports[appId]}/");

    public IEnumerable<int> AllPorts => Ports.Values;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
