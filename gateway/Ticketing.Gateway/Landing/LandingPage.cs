using System.Net;
using System.Text;

namespace Ticketing.Gateway.Landing;

/// <summary>The front door: where each service's API, Swagger and health are (the web console is a later issue).</summary>
public static class LandingPage
{
    public static IEndpointRouteBuilder MapLandingPage(this IEndpointRouteBuilder app, IReadOnlyCollection<string> services)
    {
        app.MapGet("/", () => Results.Content(Render(services), "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    private static string Render(IReadOnlyCollection<string> services)
    {
        var rows = new StringBuilder();
        foreach (var appId in services.Order())
        {
            var prefix = WebUtility.HtmlEncode(Routing.ServiceRoutes.PrefixOf(appId));
            rows.Append($"""
                <tr><td>{WebUtility.HtmlEncode(appId)}</td><td><code>{prefix}/…</code></td>
                <td><a href="/swagger/index.html?urls.primaryName={WebUtility.UrlEncode(appId)}">API docs</a></td>
                <td><a href="{prefix}/health/ready">ready?</a></td></tr>
                """);
        }
        return $$"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>Ticketing 工单系统</title>
            <style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;max-width:60rem}
            table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}</style></head>
            <body>
            <h1>Ticketing 工单系统</h1>
            <p>Receive → accept → assign → supervise → follow-up → callback → survey.
               接听登记 → 受理 → 交办 → 督办 → 跟进办理 → 回访 → 满意度调查.</p>
            <p><a href="/swagger">All API documents (Swagger UI)</a></p>
            <table><tr><th>service</th><th>route</th><th>docs</th><th>health</th></tr>
            {{rows}}
            </table>
            </body></html>
            """;
    }
}
