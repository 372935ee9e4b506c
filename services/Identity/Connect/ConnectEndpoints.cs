using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Ticketing.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ticketing.Identity.Connect;

/// <summary>
/// The parts of the OpenID Connect endpoints that are this system's to decide (OpenIddict has validated the request
/// before, and writes the answer after): who the user is at /connect/authorize (the sign-in cookie, or the sign-in
/// page), whom a token is for at /connect/token, what /connect/userinfo tells, and signing out. Not in the API
/// documents: they are OpenID Connect's, described by the discovery document.
/// </summary>
public static class ConnectEndpoints
{
    private const string OpenIddictScheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(TokenServer.AuthorizePath, [HttpMethods.Get, HttpMethods.Post], Authorize).ExcludeFromDescription();
        app.MapPost(TokenServer.TokenPath, Exchange).ExcludeFromDescription();
        app.MapMethods(TokenServer.UserInfoPath, [HttpMethods.Get, HttpMethods.Post], UserInfo).ExcludeFromDescription();
        app.MapMethods(TokenServer.EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndSession).ExcludeFromDescription();
        return app;
    }

    /// <summary>Signed in (the Identity cookie): the code is issued at once, no consent screen (first-party clients). Otherwise the sign-in page.</summary>
    private static async Task<IResult> Authorize(HttpContext http, UserManager<TicketingUser> users, SignInManager<TicketingUser> signIn)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be read.");
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal) : null;
        if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            if (request.HasPromptValue(PromptValues.None))
                return Refuse(Errors.LoginRequired, "The user is not signed in.");
            // Back here once signed in, with the same request.
            var parameters = http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList();
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters) },
                [IdentityConstants.ApplicationScheme]);
        }
        return Results.SignIn(await TokenPrincipals.ForUserAsync(users, user, request.GetScopes()), authenticationScheme: OpenIddictScheme);
    }

    private static async Task<IResult> Exchange(HttpContext http, UserManager<TicketingUser> users, SignInManager<TicketingUser> signIn,
        IOpenIddictApplicationManager applications)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be read.");

        if (request.IsPasswordGrantType())
        {
            // One answer for an unknown user and a wrong password, so the token endpoint does not tell who exists.
            var user = await users.FindByNameAsync(request.Username ?? "");
            if (user is null) return Refuse(Errors.InvalidGrant, "The user name or password is wrong.");
            var checkedPassword = await signIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: true);
            if (checkedPassword.IsLockedOut)
                return Refuse(Errors.InvalidGrant, $"The account is locked after {UserSetup.MaxFailedSignIns} failed sign-ins; try again later.");
            if (!checkedPassword.Succeeded) return Refuse(Errors.InvalidGrant, "The user name or password is wrong.");
            return Results.SignIn(await TokenPrincipals.ForUserAsync(users, user, request.GetScopes()), authenticationScheme: OpenIddictScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The principal stored in the code or refresh token: the user is read again, so a removed or locked user gets nothing.
            var stored = await http.AuthenticateAsync(OpenIddictScheme);
            var user = stored.Principal?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
            if (user is null) return Refuse(Errors.InvalidGrant, "The token is no longer valid.");
            if (!await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
                return Refuse(Errors.InvalidGrant, "The user may no longer sign in.");
            return Results.SignIn(await TokenPrincipals.ForUserAsync(users, user, stored.Principal!.GetScopes()), authenticationScheme: OpenIddictScheme);
        }

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId ?? "", http.RequestAborted)
                               ?? throw new InvalidOperationException("The client has been authenticated but cannot be found.");
            var name = await applications.GetDisplayNameAsync(application, http.RequestAborted);
            return Results.SignIn(TokenPrincipals.ForClient(request.ClientId!, name, request.GetScopes()), authenticationScheme: OpenIddictScheme);
        }

        return Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    /// <summary>The user the access token speaks for, as the token's scopes allow: profile → names, roles → roles and office.</summary>
    private static async Task<IResult> UserInfo(HttpContext http, UserManager<TicketingUser> users)
    {
        var token = await http.AuthenticateAsync(OpenIddictScheme);
        var user = token.Principal?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
        if (user is null)
            return Results.Challenge(Properties(Errors.InvalidToken, "The token does not name a user of this server."), [OpenIddictScheme]);

        var principal = token.Principal!;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = string.IsNullOrEmpty(user.DisplayName) ? user.UserName! : user.DisplayName;
            claims[Claims.PreferredUsername] = user.UserName!;
        }
        if (principal.HasScope(Scopes.Roles))
        {
            claims[Claims.Role] = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToArray();
            if (!string.IsNullOrEmpty(user.OfficeCode)) claims[TicketingClaims.Office] = user.OfficeCode;
        }
        return Results.Ok(claims);
    }

    /// <summary>Signs out of the sign-in cookie; OpenIddict then returns to the client's post-logout address (or the gateway's front page).</summary>
    private static async Task<IResult> EndSession(SignInManager<TicketingUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictScheme]);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(Properties(error, description), [OpenIddictScheme]);

    private static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
