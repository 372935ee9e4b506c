using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ticketing.BuildingBlocks.Messaging;

namespace Ticketing.Gateway.Landing;

/// <summary>
/// The front door: where each service's API, Swagger and health are, and how far each service's events are
/// from their subscribers (asked of each service directly, so it shows even while the public routes are closed).
/// </summary>
public static class LandingPage
{
    public const string HttpClientName = "landing-backlog";

    /// <summary>Where the page is: the root belongs to the web console.</summary>
    public const string Path = "/status";

    public static IEndpointRouteBuilder MapLandingPage(this IEndpointRouteBuilder app, IReadOnlyDictionary<string, string> services)
    {
        app.MapGet(Path, async (IHttpClientFactory http, CancellationToken cancellationToken) =>
            {
                var backlogs = await Task.WhenAll(services.OrderBy(s => s.Key).Select(async service =>
                    (AppId: service.Key, Backlog: await BacklogOfAsync(http, service.Value, cancellationToken))));
                return Results.Content(Render(backlogs), "text/html; charset=utf-8");
            })
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<DeliveryStatus?> BacklogOfAsync(IHttpClientFactory http, string serviceUrl, CancellationToken cancellationToken)
    {
        try
        {
            var client = http.CreateClient(HttpClientName);
            return await client.GetFromJsonAsync<DeliveryStatus>(new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), "admin/backlog"),
                EventJson.Options, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException
                                          && !cancellationToken.IsCancellationRequested)
        {
            return null; // the service is down: the page says so
        }
    }

    private static string Render(IEnumerable<(string AppId, DeliveryStatus? Backlog)> services)
    {
        var rows = new StringBuilder();
        foreach (var (appId, backlog) in services)
        {
            var prefix = WebUtility.HtmlEncode(Routing.ServiceRoutes.PrefixOf(appId));
            rows.Append($"""
                <tr><td>{WebUtility.HtmlEncode(appId)}</td><td><code>{prefix}/…</code></td>
                <td><a href="/swagger/index.html?urls.primaryName={WebUtility.UrlEncode(appId)}">API docs</a></td>
                <td>{Describe(backlog)}</td></tr>
                """);
        }
        return $$"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>Ticketing 工单系统</title>
            <style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;max-width:70rem}
            table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
            .late{color:#b00020}</style></head>
            <body>
            <h1>Ticketing 工单系统</h1>
            <p>Receive → accept → assign → supervise → follow-up → callback → survey.
               接听登记 → 受理 → 交办 → 督办 → 跟进办理 → 回访 → 满意度调查.</p>
            <p><a href="/swagger">All API documents (Swagger UI)</a></p>
            <table><tr><th>service</th><th>route</th><th>docs</th><th>event backlog 待投递事件</th></tr>
            {{rows}}
            </table>
            </body></html>
            """;
    }

    /// <summary>One line per subscriber that is behind or has dead letters; "up to date" otherwise.</summary>
    private static string Describe(DeliveryStatus? backlog)
    {
        if (backlog is null) return """<span class="late">unreachable</span>""";
        var lines = backlog.Subscribers
            .Where(s => s.Pending > 0 || s.DeadLetters > 0)
            .Select(s => $"""<span class="{(s.OldestPendingSeconds > 60 ? "late" : "")}">→ {WebUtility.HtmlEncode(s.Subscriber)}: """ +
                         $"{s.Pending} pending, oldest {s.OldestPendingSeconds:0} s, {s.DeadLetters} dead letter(s)</span>")
            .ToList();
        if (backlog.WaitingInInbox > 0) lines.Add($"{backlog.WaitingInInbox} waiting in its inbox for an earlier step");
        return lines.Count == 0 ? "up to date" : string.Join("<br>", lines);
    }
}
