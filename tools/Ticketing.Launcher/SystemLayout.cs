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

    /// <summary>Every app on a port free now (for tests and benchmarks that run beside anything else).</summary>
    public static SystemLayout OnFreePorts(string dataDir)
    {
        var taken = new HashSet<int>();
        return new SystemLayout(SystemApps.All.ToDictionary(app => app.AppId, _ => FreePortRun(1, taken)), Path.GetFullPath(dataDir));
    }

    public int GatewayPort => Ports[SystemApps.Gateway.AppId];

    public Uri GatewayUrl => UrlOf(SystemApps.Gateway.AppId);

    public Uri UrlOf(string appId) => new($"http://127.0.0.1:{Ports[appId]}/");

    public IEnumerable<int> AllPorts => Ports.Values;

    /// <summary>
    /// The first of <paramref name="count"/> consecutive ports free now, below the OS's ephemeral range: a port the
    /// OS hands out can be taken meanwhile by any outgoing connection's local end, and an app that cannot bind its
    /// port cannot start (a test's hundreds of HTTP connections made that happen).
    /// </summary>
    public static int FreePortRun(int count, ISet<int>? taken = null)
    {
        var (low, high) = (10_000, EphemeralPortsStart() - count);
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var first = Random.Shared.Next(low, high);
            var run = Enumerable.Range(first, count).ToList();
            if (run.Any(port => taken?.Contains(port) == true) || !run.All(Bindable)) continue;
            foreach (var port in run) taken?.Add(port);
            return first;
        }
        throw new InvalidOperationException($"No run of {count} free ports found between {low} and {high}.");
    }

    /// <summary>Where Linux starts handing out ports to outgoing connections (32768 unless configured), 49152 elsewhere.</summary>
    private static int EphemeralPortsStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        try
        {
            if (File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var start)
                && start > 12_000)
                return start;
        }
        catch (IOException) { /* unreadable: assume the default */ }
        return OperatingSystem.IsLinux() ? 32_768 : 49_152;
    }

    private static bool Bindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
