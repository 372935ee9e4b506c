using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Ticketing.Gateway.Routing;

/// <summary><c>/api/{service}/…</c> goes to that service with the prefix removed; the service learns the prefix from X-Forwarded-Prefix.</summary>
public static class ServiceRoutes
{
    public static string PrefixOf(string appId) => $"/api/{appId}";

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) From(IReadOnlyDictionary<string, string> services)
    {
        var routes = services.Keys.Select(appId => new RouteConfig
            {
                RouteId = appId,
                ClusterId = appId,
                Match = new RouteMatch { Path = PrefixOf(appId) + "/{**rest}" },
            }
            .WithTransformPathRemovePrefix(PrefixOf(appId))
            .WithTransformXForwarded(xPrefix: ForwardedTransformActions.Off)
            .WithTransformRequestHeader("X-Forwarded-Prefix", PrefixOf(appId), append: false)).ToList();

        var clusters = services.Select(service => new ClusterConfig
        {
            ClusterId = service.Key,
            Destinations = new Dictionary<string, DestinationConfig> { [service.Key] = new() { Address = service.Value } },
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(30) },
        }).ToList();
        return (routes, clusters);
    }
}
