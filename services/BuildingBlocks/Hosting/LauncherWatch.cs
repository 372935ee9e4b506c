using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ticketing.BuildingBlocks.Hosting;

/// <summary>
/// On the embedded default the launcher starts every app; if the launcher dies without stopping them
/// (killed, crashed), each app stops itself rather than holding its port and database for ever.
/// </summary>
public sealed class LauncherWatch(IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<LauncherWatch> logger)
    : BackgroundService
{
    public const string Setting = "Ticketing:LauncherProcessId";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!int.TryParse(configuration[Setting], out var launcherId)) return;
        try
        {
            using var launcher = Process.GetProcessById(launcherId);
            await launcher.WaitForExitAsync(stoppingToken);
        }
        catch (ArgumentException)
        {
            // already gone
        }
        catch (OperationCanceledException)
        {
            return; // the app is stopping anyway
        }
        logger.LogWarning("The launcher (process {LauncherId}) has gone; stopping", launcherId);
        lifetime.StopApplication();
    }
}
