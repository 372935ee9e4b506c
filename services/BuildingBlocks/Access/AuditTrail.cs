using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ticketing.BuildingBlocks.Access;

/// <summary>
/// One audit line per command (every request that is not a read): who (user, role, office), what, and the answer,
/// refusals included, under the log category <c>Ticketing.Audit</c>. Reads are not audited here; the timelines
/// record every change that took effect.
/// </summary>
public static class AuditTrail
{
    public const string Category = "Ticketing.Audit";

    public static IApplicationBuilder UseAuditTrail(this IApplicationBuilder app)
    {
        var audit = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (http, next) =>
        {
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
                || http.Request.Path.StartsWithSegments("/events"))
            {
                await next(http);
                return;
            }
            // Written once the answer is complete: a refusal's status is set by the exception handler further out.
            http.Response.OnCompleted(() =>
            {
                var caller = http.User.ToCaller();
                audit.LogInformation("audit {User} {Role} {Office} {Method} {Path} → {Status}", caller?.Id ?? "anonymous", caller?.Role ?? "-",
                    caller?.Office ?? "-", http.Request.Method, AuditedPath(http), http.Response.StatusCode);
                return Task.CompletedTask;
            });
            await next(http);
        });
    }

    /// <summary>
    /// The path as asked, except on open endpoints: their paths carry what stands in for sign-in (a survey link's
    /// signed token), which must not sit in a log; those are written as their route (<c>/public/{token}</c>).
    /// </summary>
    private static string? AuditedPath(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route } endpoint
        && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null
            ? route
            : http.Request.Path.Value;
}
