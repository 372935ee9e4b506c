using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Ticketing.BuildingBlocks.Access;
using Ticketing.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ticketing.Identity.Connect;

/// <summary>
/// Who a token speaks for. Access tokens carry sub, name, preferred_username, one role claim per role and, for
/// office staff, the office code, for the audience <see cref="TicketingClients.Api"/>; the identity token carries
/// the profile and role claims only where the client asked for those scopes.
/// </summary>
public static class TokenPrincipals
{
    public static async Task<ClaimsPrincipal> ForUserAsync(UserManager<TicketingUser> users, TicketingUser user, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, string.IsNullOrEmpty(user.DisplayName) ? user.UserName : user.DisplayName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaims(Claims.Role, [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)]);
        if (!string.IsNullOrEmpty(user.OfficeCode)) identity.SetClaim(TicketingClaims.Office, user.OfficeCode);
        return Finish(identity, scopes);
    }

    /// <summary>A machine client acting as itself: its client id is the subject, and it acts in the service role.</summary>
    public static ClaimsPrincipal ForClient(string clientId, string? displayName, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId).SetClaim(Claims.Name, displayName ?? clientId).SetClaim(Claims.Role, Roles.Service);
        return Finish(identity, scopes);
    }

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        identity.SetScopes(scopes);
        identity.SetAudiences(TicketingClients.Api);
        identity.SetResources(TicketingClients.Api);
        identity.SetDestinations(claim => DestinationsOf(claim, identity));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Every claim goes into the access token; into the identity token only what the granted scopes cover.</summary>
    public static IEnumerable<string> DestinationsOf(Claim claim, ClaimsIdentity identity) => claim.Type switch
    {
        Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Name or Claims.PreferredUsername when identity.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Role or TicketingClaims.Office when identity.HasScope(Scopes.Roles) => [Destinations.AccessToken, Destinations.IdentityToken],
        _ => [Destinations.AccessToken],
    };
}
