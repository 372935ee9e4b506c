using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Localization;

namespace Ticketing.Gateway.Limits;

/// <summary>The "Gateway:RateLimits" section: requests per minute in each window.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimits";

    /// <summary>Each signed-in user's requests (a console polls; a script gone wild is stopped).</summary>
    public int PerUserPerMinute { get; set; } = 600;

    /// <summary>Requests without a valid token, per client address.</summary>
    public int AnonymousPerIpPerMinute { get; set; } = 300;

    /// <summary>Sign-in attempts (token requests, the sign-in form) per client address: guessing passwords is slow.</summary>
    public int SignInPerIpPerMinute { get; set; } = 20;
}

/// <summary>
/// ASP.NET Core's rate limiter at the gateway: sign-in per client address, everything else per signed-in user
/// (the token's subject, validated) or, without a valid token, per client address. Health checks are never limited.
/// A refused request gets 429 with Retry-After, as a problem.
/// </summary>
public static class RateLimits
{
    private static readonly PathString[] SignInPaths = ["/connect/token", "/account/signin"];

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, options));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var text = http.RequestServices.GetRequiredService<IStringLocalizer<Messages>>();
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: text["Slow down: try again in {0} s.", Math.Ceiling(retryAfter.TotalSeconds)].Value).ExecuteAsync(http);
            };
        });
        return builder;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitOptions options)
    {
        if (http.Request.Path.StartsWithSegments("/health")) return RateLimitPartition.GetNoLimiter("health");
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (HttpMethods.IsPost(http.Request.Method) && SignInPaths.Any(path => http.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
            return PerMinute("sign-in:" + address, options.SignInPerIpPerMinute);
        return http.User.ToCaller() is { } caller
            ? PerMinute("user:" + caller.Id, options.PerUserPerMinute)
            : PerMinute("address:" + address, options.AnonymousPerIpPerMinute);
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });
}
