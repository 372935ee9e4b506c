using Microsoft.Extensions.Options;

namespace Ticketing.BuildingBlocks.Hosting;

/// <summary>Where the other services are: loopback URLs on the embedded default, Dapr service invocation otherwise.</summary>
public sealed class PeerDirectory(IOptions<TicketingOptions> options)
{
    private readonly TicketingOptions _options = options.Value;

    /// <summary>Every service that may subscribe to events (the embedded transport asks each of them).</summary>
    public IReadOnlyDictionary<string, Uri> Services => _options.Services
        .ToDictionary(p => p.Key, p => new Uri(p.Value.TrimEnd('/') + "/"), StringComparer.OrdinalIgnoreCase);

    public Uri BaseAddressFor(string appId)
    {
        if (_options.Transport == EventTransport.Dapr)
        {
            var port = Environment.GetEnvironmentVariable("DAPR_HTTP_PORT") ?? "3500";
            return new Uri($"http://127.0.0.1:{port}/v1.0/invoke/{appId}/method");
        }
        return _options.Services.TryGetValue(appId, out var url)
            ? new Uri(url.TrimEnd('/'))
            : throw new InvalidOperationException($"No URL is configured for service '{appId}' (Ticketing:Services:{appId}).");
    }
}
