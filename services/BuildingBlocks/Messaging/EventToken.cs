using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Localization;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>
/// Events are authenticated: a delivery to a subscription route must carry the deployment's app token in the
/// header daprd uses (<c>dapr-api-token</c>), or it is answered 401 before any handler runs. Only the
/// gateway-closed event routes are guarded; peers, daprd and the embedded transport know the token.
/// </summary>
public static class EventToken
{
    public const string Header = "dapr-api-token";

    public static WebApplication UseEventToken(this WebApplication app)
    {
        var token = app.Services.GetRequiredService<IOptions<TicketingOptions>>().Value.EventToken;
        if (string.IsNullOrEmpty(token))
        {
            app.Logger.LogWarning("No app token is configured (Ticketing:AppApiToken or APP_API_TOKEN): events are accepted from anyone who can reach this service");
            return app;
        }
        var expected = Encoding.UTF8.GetBytes(token);
        app.Use(async (http, next) =>
        {
            if ((http.Request.Path.StartsWithSegments("/events") || http.GetEndpoint()?.Metadata.GetMetadata<AppTokenRequired>() is not null)
                && !Carries(http, expected))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Event not authenticated",
                    detail: http.RequestServices.GetRequiredService<IStringLocalizer<Messages>>()[
                        "Deliveries to subscription routes must carry the app token in the {0} header.", Header].Value).ExecuteAsync(http);
                return;
            }
            await next(http);
        });
        return app;
    }

    /// <summary>For routes daprd calls on its own (a cron binding): the app token instead of a user's access token.</summary>
    public static TBuilder RequireAppToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AppTokenRequired()).AllowAnonymous();

    private static bool Carries(HttpContext http, byte[] expected) =>
        http.Request.Headers[Header].ToString() is { Length: > 0 } given
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected);
}

/// <summary>Marks an endpoint that only daprd and peers call, with the app token.</summary>
public sealed class AppTokenRequired;
