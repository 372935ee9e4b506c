using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Ticketing.Launcher;

namespace Ticketing.SystemTests;

/// <summary>
/// The launcher keeps its apps running: one that dies is restarted on its port and serves again, one that
/// cannot start is given up after a few quick failures, one stopped on purpose stays stopped. Each test runs
/// its own few apps (not the shared system, whose apps other tests rely on).
/// </summary>
public sealed partial class SupervisionOfAppsTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ticketing-supervision-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task An_app_killed_with_sigkill_is_restarted_on_its_port_and_serves_again()
    {
        await using var system = new TicketingSystem(SystemLayout.OnFreePorts(_dataDir));
        await system.StartAppAsync("intake", SystemFixture.StartTimeout);
        await system.StartAppAsync("identity", SystemFixture.StartTimeout); // to sign in
        await system.StartAppAsync("gateway", SystemFixture.StartTimeout);
        using var gateway = new HttpClient(new SignedInHandler(new SampleTokens(system.Layout.GatewayUrl))) { BaseAddress = system.Layout.GatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
        var ticket = await gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(title: "崩溃前登记"));
        var killed = system.ProcessIdOf("intake")!.Value;

        Process.GetProcessById(killed).Kill(); // SIGKILL: nothing in the app gets a say

        await Eventually.Until(() => Task.FromResult(system.RestartsOf("intake")), restarts => restarts == 1, TimeSpan.FromSeconds(20), "intake to be restarted");
        await system.WaitUntilReadyAsync("intake", SystemFixture.StartTimeout);
        Assert.NotEqual(killed, system.ProcessIdOf("intake"));
        using var intake = new HttpClient { BaseAddress = system.Layout.UrlOf("intake") };
        Assert.Equal(HttpStatusCode.OK, (await intake.GetAsync("health/ready")).StatusCode);
        var again = await gateway.GetAsync<TicketView>($"api/intake/tickets/{ticket.Id}");
        Assert.Equal("崩溃前登记", again.Title);
        Assert.Contains(LauncherLog(system), line => ExitLine().IsMatch(line) && line.Contains("intake exited without being asked (exit code 137 (SIGKILL))"));
        Assert.False(system.GaveUp("intake"));
    }

    [Fact]
    public async Task An_app_that_fails_at_every_start_is_given_up_after_five_quick_failures()
    {
        await using var system = new TicketingSystem(SystemLayout.OnFreePorts(_dataDir))
        {
            // SQL Server without a connection string: the survey service throws while starting, every time.
            AppSettings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["survey"] = new Dictionary<string, string> { ["Ticketing:DatabaseProvider"] = "SqlServer" },
            },
            RestartPolicy = RestartPolicy.Default with { FirstDelay = TimeSpan.FromMilliseconds(100) }, // same counting, shorter pauses
        };

        system.StartApp("survey");

        await Eventually.Until(() => Task.FromResult(system.GaveUp("survey")), gaveUp => gaveUp, TimeSpan.FromSeconds(50), "the launcher to give up on survey");
        Assert.Equal(4, system.RestartsOf("survey"));
        Assert.Null(system.ProcessIdOf("survey"));
        var exits = LauncherLog(system).Where(line => ExitLine().IsMatch(line) && line.Contains("survey exited without being asked")).ToList();
        Assert.Equal(5, exits.Count);
        Assert.Contains("5 quick failures in a row, giving up on it", exits[^1]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => system.WaitUntilReadyAsync("survey", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task An_app_stopped_on_purpose_is_not_restarted()
    {
        await using var system = new TicketingSystem(SystemLayout.OnFreePorts(_dataDir));
        await system.StartAppAsync("survey", SystemFixture.StartTimeout);

        await system.StopAppAsync("survey");
        await Task.Delay(RestartPolicy.Default.FirstDelay * 2); // longer than the pause before a restart

        using var survey = new HttpClient { BaseAddress = system.Layout.UrlOf("survey"), Timeout = TimeSpan.FromSeconds(2) };
        await Assert.ThrowsAsync<HttpRequestException>(() => survey.GetAsync("health/live"));
        Assert.Empty(LauncherLog(system));
    }

    [Fact]
    public void Pauses_between_restarts_double_from_one_second_up_to_thirty()
    {
        var policy = RestartPolicy.Default;
        Assert.Equal([1, 1, 2, 4, 8, 16, 30, 30], Enumerable.Range(0, 8).Select(failures => policy.DelayAfter(failures).TotalSeconds));
        Assert.Equal((5, TimeSpan.FromSeconds(30)), (policy.QuickFailuresBeforeGivingUp, policy.QuickFailure));
    }

    private static string[] LauncherLog(TicketingSystem system) =>
        File.Exists(system.LauncherLogFile) ? File.ReadAllLines(system.LauncherLogFile) : [];

    /// <summary>Says when, in ISO 8601 with the offset, before which app and why.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2} \w+ exited without being asked \(exit code -?\d+")]
    private static partial Regex ExitLine();

    public void Dispose()
    {
        try { Directory.Delete(_dataDir, recursive: true); }
        catch (IOException) { /* a log still open; the temp folder is cleaned by the OS */ }
    }
}
