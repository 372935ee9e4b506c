using Ticketing.Contracts;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Ticketing.Gateway.Routing;

/// <summary>
/// <c>/api/{service}/…</c> goes to that service with the prefix removed; the service learns the prefix from X-Forwarded-Prefix.
/// Sign-in lives at the gateway's root as OpenID Connect expects it: <see cref="IdentityPaths"/> go to the identity service
/// as they are, with X-Forwarded-Host and -Proto so that the issuer and the redirects name the gateway. Everything else goes to
/// the web console (<see cref="ConsoleAppId"/>), the lowest-priority route: its pages, its files and Blazor's <c>/_blazor</c> WebSocket.
/// </summary>
public static class ServiceRoutes
{
    /// <summary>OpenID Connect's endpoints, discovery and JWKS, and the sign-in page.</summary>
    public static readonly string[] IdentityPaths = ["/connect", "/.well-known", "/account"];

    public static string PrefixOf(string appId) => $"/api/{appId}";

    public static readonly string ConsoleAppId = SystemApps.Web.AppId;

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) From(IReadOnlyDictionary<string, string> services,
        string? consoleUrl = null)
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

        if (services.ContainsKey(SystemApps.Identity.AppId))
            routes.AddRange(IdentityPaths.Select(path => new RouteConfig
                {
                    RouteId = SystemApps.Identity.AppId + path,
                    ClusterId = SystemApps.Identity.AppId,
                    Match = new RouteMatch { Path = path + "/{**rest}" },
                }
                .WithTransformXForwarded(xPrefix: ForwardedTransformActions.Off)
                .WithTransformRequestHeaderRemove("X-Forwarded-Prefix"))); // at the root: no prefix, whatever the caller claims

        var clusters = services.Select(service => new ClusterConfig
        {
            ClusterId = service.Key,
            Destinations = new Dictionary<string, DestinationConfig> { [service.Key] = new() { Address = service.Value } },
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(30) },
        }).ToList();

        if (!string.IsNullOrWhiteSpace(consoleUrl))
        {
            routes.Add(new RouteConfig
                {
                    RouteId = ConsoleAppId,
                    ClusterId = ConsoleAppId,
                    Order = int.MaxValue, // after every other route and the gateway's own endpoints
                    Match = new RouteMatch { Path = "/{**rest}" },
                }
                .WithTransformXForwarded(xPrefix: ForwardedTransformActions.Off)
                .WithTransformRequestHeaderRemove("X-Forwarded-Prefix"));
            clusters.Add(new ClusterConfig
            {
                ClusterId = ConsoleAppId,
                Destinations = new Dictionary<string, DestinationConfig> { [ConsoleAppId] = new() { Address = consoleUrl } },
                // The console's circuit is a WebSocket that stays open; SignalR pings it every 15 s.
                HttpRequest = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(2) },
            });
        }
        return (routes, clusters);
    }
}
