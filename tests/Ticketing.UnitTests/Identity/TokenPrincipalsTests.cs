using Ticketing.BuildingBlocks.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Ticketing.Identity.Account;
using Ticketing.Identity.Connect;
using Ticketing.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ticketing.UnitTests.Identity;

/// <summary>What a token says about its user, and into which token each claim goes.</summary>
public sealed class TokenPrincipalsTests : IDisposable
{
    private readonly IdentityStore _store = new();

    [Fact]
    public async Task An_office_users_access_token_carries_sub_name_role_and_office_for_the_api()
    {
        var principal = await PrincipalOfAsync("clerk-dcdh", [Scopes.OpenId]);
        Assert.Equal("clerk-dcdh", principal.GetClaim(Claims.PreferredUsername));
        Assert.Equal("东华街道承办员 刘洋", principal.GetClaim(Claims.Name));
        Assert.Equal(["office"], principal.GetClaims(Claims.Role).ToArray());
        Assert.Equal("SFS-DC-DH", principal.GetClaim(TicketingClaims.Office));
        Assert.Equal([TicketingClients.Api], principal.GetAudiences().ToArray());
        Assert.All(principal.Claims.Where(c => !c.Type.StartsWith("oi_")), claim => Assert.Contains(Destinations.AccessToken, claim.GetDestinations()));
        // Without the profile and roles scopes the identity token keeps to the subject.
        Assert.Equal([Claims.Subject], principal.Claims.Where(c => c.GetDestinations().Contains(Destinations.IdentityToken)).Select(c => c.Type));
    }

    [Fact]
    public async Task The_identity_token_carries_names_roles_and_office_only_for_the_scopes_granted()
    {
        var principal = await PrincipalOfAsync("clerk-dcdh", [Scopes.OpenId, Scopes.Profile, Scopes.Roles]);
        Assert.Equal([Claims.Name, TicketingClaims.Office, Claims.PreferredUsername, Claims.Role, Claims.Subject],
            principal.Claims.Where(c => c.GetDestinations().Contains(Destinations.IdentityToken)).Select(c => c.Type).Order());
    }

    [Fact]
    public async Task Only_office_staff_have_an_office_claim()
    {
        var supervisor = await PrincipalOfAsync("supervisor1", [Scopes.OpenId]);
        Assert.Equal(["supervisor"], supervisor.GetClaims(Claims.Role).ToArray());
        Assert.Null(supervisor.GetClaim(TicketingClaims.Office));
    }

    [Fact]
    public void A_machine_client_is_its_own_subject_in_the_service_role()
    {
        var machine = TokenPrincipals.ForClient(TicketingClients.Machine, "Ticketing machine client", []);
        Assert.Equal(TicketingClients.Machine, machine.GetClaim(Claims.Subject));
        Assert.Equal([Roles.Service], machine.GetClaims(Claims.Role).ToArray());
        Assert.Equal([TicketingClients.Api], machine.GetAudiences().ToArray());
    }

    [Theory]
    [InlineData("/connect/authorize?client_id=x", "/connect/authorize?client_id=x")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/x", null)]
    [InlineData("/\\evil.example", null)]
    [InlineData("https://evil.example/", null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("/ok\r\nSet-Cookie: x", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_sign_in_page_returns_only_to_addresses_on_this_site(string? returnUrl, string? expected) =>
        Assert.Equal(expected, AccountEndpoints.LocalOrNull(returnUrl));

    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalOfAsync(string userName, string[] scopes)
    {
        await using var scope = _store.Scope();
        await RoleSeeding.SeedAsync(scope.ServiceProvider, CancellationToken.None);
        await SampleUsers.SeedAsync(scope.ServiceProvider, "Hotline#2026", CancellationToken.None);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TicketingUser>>();
        return await TokenPrincipals.ForUserAsync(users, (await users.FindByNameAsync(userName))!, scopes);
    }

    public void Dispose() => _store.Dispose();
}
