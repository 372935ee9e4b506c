using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ticketing.Contracts;
using Ticketing.Launcher;

namespace Ticketing.SystemTests;

/// <summary>The README's first command: the launcher brings everything up, Ctrl-C stops everything, a restart keeps the data.</summary>
public sealed class LauncherTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ticketing-launcher-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _gatewayPort = FreePortRun(SystemApps.All.Max(app => app.PortOffset) + 1);

    [Fact]
    public async Task The_launcher_starts_the_system_stops_on_ctrl_c_and_keeps_the_data_across_restarts()
    {
        TicketView ticket;
        using (var launcher = await StartLauncherAsync())
        using (StopOnFailure(launcher))
        {
            using var gateway = SignedInGateway(); // the sample users are there to sign in as
            ticket = await gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(title: "重启后仍在"));
            await StopWithCtrlCAsync(launcher);
        }
        Assert.All(AppPorts, port => Assert.False(Listening(port), $"port {port} is still served after Ctrl-C"));
        Assert.True(File.Exists(Path.Combine(_dataDir, "intake.db")));

        using (var launcher = await StartLauncherAsync())
        using (StopOnFailure(launcher))
        {
            using var gateway = SignedInGateway(); // the sample users are there to sign in as
            var again = await gateway.GetAsync<TicketView>($"api/intake/tickets/{ticket.Id}");
            Assert.Equal((ticket.Number, "重启后仍在"), (again.Number, again.Title));
            await StopWithCtrlCAsync(launcher, times: 2); // as when both `dotnet run` and the terminal pass Ctrl-C on
        }
    }

    [Fact]
    public async Task Apps_stop_themselves_when_the_launcher_is_killed()
    {
        using var launcher = await StartLauncherAsync();
        launcher.Kill(); // SIGKILL: the launcher cannot stop anything itself
        await launcher.WaitForExitAsync();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (AppPorts.Any(Listening) && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.All(AppPorts, port => Assert.False(Listening(port), $"port {port} is still served"));
    }

    private HttpClient SignedInGateway()
    {
        var url = new Uri($"http://127.0.0.1:{_gatewayPort}/");
        return new HttpClient(new SignedInHandler(new SampleTokens(url))) { BaseAddress = url };
    }

    private IEnumerable<int> AppPorts => SystemApps.All.Select(app => _gatewayPort + app.PortOffset);

    private async Task<Process> StartLauncherAsync()
    {
        var launcherDll = BuildOutput.AssemblyPath("Ticketing.Launcher");
        var info = new ProcessStartInfo("dotnet", [launcherDll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["TICKETING_GATEWAY_PORT"] = _gatewayPort.ToString();
        info.Environment["TICKETING_DATA_DIR"] = _dataDir;
        var process = Process.Start(info)!;
        var output = new List<string>();
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            lock (output) output.Add(line.Data);
            if (line.Data.Contains($"Ticketing is ready. Open http://127.0.0.1:{_gatewayPort}/")) ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (output) output.Add(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(SystemFixture.StartTimeout));
        if (finished != ready.Task)
        {
            process.Kill(entireProcessTree: true);
            lock (output) Assert.Fail("The launcher did not report ready:\n" + string.Join('\n', output));
        }
        return process;
    }

    /// <summary>A failed assertion must not leave the launcher and its apps running.</summary>
    private static IDisposable StopOnFailure(Process launcher) => new Stopper(launcher);

    private sealed class Stopper(Process launcher) : IDisposable
    {
        public void Dispose()
        {
            if (!launcher.HasExited) launcher.Kill(entireProcessTree: true);
        }
    }

    private static async Task StopWithCtrlCAsync(Process launcher, int times = 1)
    {
        for (var i = 0; i < times; i++)
            using (var interrupt = Process.Start("kill", ["-INT", launcher.Id.ToString()])!) await interrupt.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await launcher.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, launcher.ExitCode);
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first of <paramref name="count"/> consecutive free ports (the launcher puts the services right after the gateway).</summary>
    private static int FreePortRun(int count) => SystemLayout.FreePortRun(count);

    public void Dispose()
    {
        try { Directory.Delete(_dataDir, recursive: true); }
        catch (IOException) { }
    }
}
