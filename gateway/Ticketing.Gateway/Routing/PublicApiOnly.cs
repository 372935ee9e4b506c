namespace Ticketing.Gateway.Routing;

/// <summary>
/// The gateway routes only the public API. Event subscriptions, Dapr's subscription list, operations
/// endpoints and the SLA scan are for daprd, peers and operators on the service's own address: from the
/// gateway they answer 404 as if they did not exist (until sign-in can grant the rights to them).
/// </summary>
public static class PublicApiOnly
{
    private static readonly string[] InternalSegments = ["events", "dapr", "admin", "sla-scan"];

    public static IApplicationBuilder UsePublicApiOnly(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (IsInternal(http.Request.Path))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound; // written as a problem by the status code pages
            return;
        }
        await next(http);
    });

    /// <summary>
    /// <c>/api/…</c> of no service answers 404 here (a problem, by the status code pages) rather than falling through to the web
    /// console's catch-all route; each service's own routes are more specific and win.
    /// </summary>
    public static IEndpointRouteBuilder MapUnknownApi(this IEndpointRouteBuilder app)
    {
        app.Map("/api/{**rest}", () => Results.NotFound()).ExcludeFromDescription();
        return app;
    }

    /// <summary>True for <c>/api/{service}/{internal}/…</c>, however the path is cased or padded.</summary>
    public static bool IsInternal(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3
               && segments[0].Equals("api", StringComparison.OrdinalIgnoreCase)
               && InternalSegments.Contains(Uri.UnescapeDataString(segments[2]).Split('/')[0].Trim(), StringComparer.OrdinalIgnoreCase);
    }
}
