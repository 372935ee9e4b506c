using Microsoft.OpenApi;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;

namespace Ticketing.Identity.Hosting;

/// <summary>
/// The request pipeline every service has (problems, forwarded headers, hardening, Swagger, Dapr's subscription list,
/// health), without the outbox's operations endpoints: identity publishes and handles no events. Then sign-in:
/// authentication (where OpenIddict answers discovery, JWKS and the protocol's checks) and anti-forgery.
/// </summary>
public static class IdentityHosting
{
    public static WebApplication MapIdentityDefaults(this WebApplication app)
    {
        app.UseRequestLanguages();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseForwardedHeaders(); // the issuer, the sign-in redirects and the form's address name the gateway
        app.UseWebHardening();
        app.UseSwagger(swagger => swagger.PreSerializeFilters.Add((document, request) =>
        {
            if (request.PathBase.HasValue) document.Servers = [new OpenApiServer { Url = request.PathBase.Value }];
        }));
        app.UseSwaggerUI();
        app.UseAuthentication();
        // One audit line per change to a user (who, what, the answer); sign-in and tokens are not commands of anyone's.
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/users"), users => users.UseAuditTrail());
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapSubscribeHandler(); // subscribes to nothing: daprd and the embedded transport ask all the same
        app.MapHealthEndpoints();
        // Nothing to deliver: the gateway's landing page asks every service for its backlog.
        app.MapGet("/admin/backlog", (TimeProvider clock) => new DeliveryStatus(SystemApps.Identity.AppId, clock.GetUtcNow(), [], 0)).ExcludeFromDescription();
        return app;
    }
}
