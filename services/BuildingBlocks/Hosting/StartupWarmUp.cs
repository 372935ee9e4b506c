using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ticketing.BuildingBlocks.Hosting;

/// <summary>
/// Just-in-time compilation makes a service's first requests slow. Once listening, the service reads each of
/// its own parameterless GET endpoints once (side-effect free), and reports ready only after that, so the first
/// agent on a freshly started system does not wait for the compiler.
/// </summary>
public sealed class StartupWarmUp(
    IHostApplicationLifetime lifetime,
    IServer server,
    EndpointDataSource endpoints,
    IHttpClientFactory httpClients,
    ILogger<StartupWarmUp> logger) : BackgroundService, IHealthCheck
{
    private volatile bool _done;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken);
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is null) return;
            var client = httpClients.CreateClient(nameof(StartupWarmUp));
            client.BaseAddress = new Uri(address.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1") + "/");
            foreach (var path in ReadEndpoints())
            {
                try
                {
                    using var response = await client.GetAsync(path.TrimStart('/'), stoppingToken);
                    logger.LogDebug("Warm-up GET {Path}: {Status}", path, (int)response.StatusCode);
                }
                catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogInformation("Warm-up GET {Path} gave no answer in time; going on", path); // one slow endpoint never holds readiness
                }
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            logger.LogInformation("Warm-up stopped early: {Reason}", exception.Message);
        }
        finally
        {
            _done = true;
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Warming up."));

    private IEnumerable<string> ReadEndpoints() => endpoints.Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
        .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
        .Where(path => !path.Contains('{') && !path.StartsWith("/health") && !path.StartsWith("/swagger") && !path.StartsWith("/dapr"))
        .Distinct();

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled());
        return started.Task;
    }
}
