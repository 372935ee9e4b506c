using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ticketing.BuildingBlocks.Hosting;

/// <summary>
/// What every answer of every app has in common: no Server header, standard security headers, links that
/// name the gateway's public address, and oversized request lines or headers answered as problems.
/// </summary>
public static class WebHardening
{
    /// <summary>The longest URL and header block served (Kestrel's own defaults).</summary>
    public const int MaxUrlLength = 8 * 1024, MaxHeaderBytes = 32 * 1024, MaxHeaderCount = 100;

    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddWebHardening(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Kestrel answers a request over its limits before any middleware runs, with an empty body. Its hard
            // limits sit above ours so that the middleware below answers the usual oversized request as a problem.
            kestrel.Limits.MaxRequestLineSize = 8 * MaxUrlLength;
            kestrel.Limits.MaxRequestHeadersTotalSize = 4 * MaxHeaderBytes;
            kestrel.Limits.MaxRequestHeaderCount = 10 * MaxHeaderCount;
        });
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
            // Behind the gateway (loopback, a known proxy by default) links name the gateway's host and prefix.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedPrefix);
        return builder;
    }

    /// <summary>Goes after UseExceptionHandler and UseStatusCodePages, which write the problem bodies.</summary>
    public static IApplicationBuilder UseWebHardening(this IApplicationBuilder app) => app
        .Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            http.Response.OnStarting(() =>
            {
                // Set as the answer starts, over whatever a proxied service already sent, so each header appears once.
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XFrameOptions = "DENY";
                }
                return Task.CompletedTask;
            });

            var request = http.Request;
            if (request.Path.Value?.Length + request.QueryString.Value?.Length > MaxUrlLength)
                http.Response.StatusCode = StatusCodes.Status414UriTooLong;
            else if (request.Headers.Count > MaxHeaderCount || HeaderBytes(request.Headers) > MaxHeaderBytes)
                http.Response.StatusCode = StatusCodes.Status431RequestHeaderFieldsTooLarge;
            else
                await next(http);
        });

    private static long HeaderBytes(IHeaderDictionary headers) =>
        headers.Sum(h => h.Key.Length + h.Value.Sum(v => (long)(v?.Length ?? 0)));
}
