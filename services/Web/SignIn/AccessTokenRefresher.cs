using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Ticketing.Web.SignIn;

/// <summary>
/// Keeps the sign-in cookie's access token fresh: when a request comes within <see cref="RefreshBefore"/> of the token's end,
/// the refresh token the OpenID Connect handler saved (<c>SaveTokens</c>, scope <c>offline_access</c>) buys a new one at the
/// identity service's token endpoint, over the handler's own back channel and discovered configuration; the cookie is written
/// again with it. A refused refresh (the user removed or locked, the refresh token revoked) ends the session: sign in again.
/// This is the cookie refresher of ASP.NET Core's Blazor OIDC sample, with the console's own claims taken from the new token.
/// </summary>
public sealed class AccessTokenRefresher(IOptionsMonitor<OpenIdConnectOptions> oidc, TimeProvider time, ILogger<AccessTokenRefresher> logger)
{
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    public async Task RefreshWhenDueAsync(CookieValidatePrincipalContext context)
    {
        var expiry = context.Properties.GetTokenValue("expires_at");
        if (!DateTimeOffset.TryParse(expiry, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiresAt)) return;
        var now = time.GetUtcNow();
        if (now + RefreshBefore < expiresAt) return;

        if (context.Properties.GetTokenValue("refresh_token") is not { Length: > 0 } refreshToken || context.Principal?.Identity is not ClaimsIdentity identity)
        {
            context.RejectPrincipal(); // nothing to refresh with: the user signs in again
            return;
        }
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var cancellation = context.HttpContext.RequestAborted;
        OpenIdConnectMessage answer;
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellation);
            using var response = await options.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = OpenIdConnectGrantTypes.RefreshToken,
                ["client_id"] = options.ClientId!,
                ["refresh_token"] = refreshToken,
            }), cancellation);
            var body = await response.Content.ReadAsStringAsync(cancellation);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogInformation("The identity service refused to refresh {User}'s access token ({Status}): the session ends", identity.Name,
                    (int)response.StatusCode);
                context.RejectPrincipal();
                return;
            }
            answer = new OpenIdConnectMessage(body);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or System.Text.Json.JsonException
                                              && !cancellation.IsCancellationRequested)
        {
            // The identity service is away: the token still works until it ends; the next request tries again.
            logger.LogWarning(exception, "Could not refresh {User}'s access token", identity.Name);
            if (now >= expiresAt) context.RejectPrincipal();
            return;
        }
        if (string.IsNullOrEmpty(answer.AccessToken))
        {
            context.RejectPrincipal();
            return;
        }

        context.ReplacePrincipal(new ClaimsPrincipal(ConsoleSignIn.Renewed(identity, answer.AccessToken)));
        context.ShouldRenew = true;
        var tokens = context.Properties.GetTokens().ToDictionary(t => t.Name, t => t.Value);
        tokens["access_token"] = answer.AccessToken;
        if (!string.IsNullOrEmpty(answer.RefreshToken)) tokens["refresh_token"] = answer.RefreshToken; // rolling refresh tokens
        if (!string.IsNullOrEmpty(answer.IdToken)) tokens["id_token"] = answer.IdToken;
        if (int.TryParse(answer.ExpiresIn, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            tokens["expires_at"] = (now + TimeSpan.FromSeconds(seconds)).ToString("o", CultureInfo.InvariantCulture);
        context.Properties.StoreTokens(tokens.Select(t => new AuthenticationToken { Name = t.Key, Value = t.Value }));
    }
}
