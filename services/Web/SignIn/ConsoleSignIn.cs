using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Ticketing.Web.SignIn;

/// <summary>
/// Sign-in through the identity service (ASP.NET Core's OpenID Connect handler: authorization code with PKCE, as the public
/// client <c>ticketing-console</c>), kept in a cookie. The access token rides in the cookie's principal as a claim
/// (<see cref="AccessTokenClaim"/>), so the services are called with it from the interactive circuit, which has no HttpContext;
/// the user's roles and office are read from that token, as the services read them. The handler saves the refresh token too
/// (scope <c>offline_access</c>), and <see cref="AccessTokenRefresher"/> renews the access token in the cookie before it ends,
/// so the session lasts the working day (<see cref="SessionLifetime"/>, sliding) rather than the access token's half hour.
/// </summary>
public static class ConsoleSignIn
{
    public const string ClientId = "ticketing-console";

    /// <summary>Registered for the console with the identity service (TicketingClients.ConsoleCallbackPath).</summary>
    public const string CallbackPath = "/console/signin-callback";

    public const string NotAllowedPath = "/not-allowed";

    public const string AccessTokenClaim = "access_token", RoleClaim = "role", OfficeClaim = "office", NameClaim = "name";

    /// <summary>How long the cookie lasts without a request (sliding): a shift; the access token inside is renewed meanwhile.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(10);

    public static WebApplicationBuilder AddConsoleSignIn(this WebApplicationBuilder builder)
    {
        var gateway = GatewayUrl(builder.Configuration);
        builder.Services.AddAuthentication(auth =>
            {
                auth.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                auth.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "ticketing-console";
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // plain HTTP on loopback; TLS where deployed
                cookie.AccessDeniedPath = NotAllowedPath; // a page of the wrong role: said in the console, not a 404
                cookie.ExpireTimeSpan = SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = context =>
                    context.HttpContext.RequestServices.GetRequiredService<AccessTokenRefresher>().RefreshWhenDueAsync(context);
            })
            .AddOpenIdConnect(oidc =>
            {
                oidc.Authority = gateway.ToString();
                oidc.RequireHttpsMetadata = builder.Configuration.GetValue("Ticketing:Access:RequireHttpsMetadata", true);
                oidc.ClientId = ClientId;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.ResponseMode = OpenIdConnectResponseMode.Query; // form_post answers with an inline script the pages' CSP refuses
                oidc.UsePkce = true;
                oidc.CallbackPath = CallbackPath;
                oidc.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "roles", "offline_access" }) oidc.Scope.Add(scope);
                oidc.SaveTokens = true; // the id token for sign-out, the refresh token and the access token's end for the refresher
                oidc.UseTokenLifetime = false; // the cookie outlives the access token, which the refresher renews
                oidc.MapInboundClaims = false;
                oidc.TokenValidationParameters.NameClaimType = NameClaim;
                oidc.TokenValidationParameters.RoleClaimType = RoleClaim;
                oidc.CorrelationCookie.SameSite = oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.Events.OnTokenValidated = context =>
                {
                    if (context.TokenEndpointResponse?.AccessToken is { } token && context.Principal?.Identity is ClaimsIdentity identity)
                        TakeAccessToken(identity, token);
                    return Task.CompletedTask;
                };
                // After sign-out the identity service comes back to the console's root, the address it has registered.
                oidc.Events.OnRedirectToIdentityProviderForSignOut = context =>
                {
                    context.ProtocolMessage.PostLogoutRedirectUri = gateway.ToString();
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddSingleton<AccessTokenRefresher>();
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    /// <summary>The gateway's public address: <c>Web:Gateway</c>, else the access authority (the launcher's gateway URL).</summary>
    public static Uri GatewayUrl(IConfiguration configuration)
    {
        var url = configuration["Web:Gateway"] ?? configuration["Ticketing:Access:Authority"]
                  ?? throw new InvalidOperationException("Set Web:Gateway (or Ticketing:Access:Authority) to the gateway's URL.");
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }

    /// <summary>The token's roles, office and names become the user's claims; the token itself is kept to call the services.</summary>
    private static void TakeAccessToken(ClaimsIdentity identity, string token)
    {
        var jwt = new JsonWebTokenHandler().ReadJsonWebToken(token); // just received from the token endpoint over the back channel
        foreach (var claim in jwt.Claims.Where(c => c.Type is RoleClaim or OfficeClaim or NameClaim or "preferred_username"))
            if (!identity.HasClaim(claim.Type, claim.Value))
                identity.AddClaim(new Claim(claim.Type, claim.Value));
        identity.AddClaim(new Claim(AccessTokenClaim, token));
    }

    /// <summary>The user as a renewed access token has them: the sign-in's other claims, the new token's roles, office and the token.</summary>
    public static ClaimsIdentity Renewed(ClaimsIdentity identity, string token)
    {
        var renewed = new ClaimsIdentity(identity.Claims.Where(c => c.Type is not (AccessTokenClaim or RoleClaim or OfficeClaim)),
            identity.AuthenticationType, NameClaim, RoleClaim);
        TakeAccessToken(renewed, token);
        return renewed;
    }

    public static IEndpointRouteBuilder MapConsoleSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console/signin", (string? returnUrl) =>
            TypedResults.Challenge(new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) },
                [OpenIdConnectDefaults.AuthenticationScheme]));
        // The form is bound, so its antiforgery token is checked: another site cannot sign the user out.
        app.MapPost("/console/signout", ([FromForm] string? returnUrl) =>
            TypedResults.SignOut(new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        return app;
    }

    /// <summary>Only a path of this site: a sign-in link must not send the user elsewhere.</summary>
    public static string LocalOnly(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
