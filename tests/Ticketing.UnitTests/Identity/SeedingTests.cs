using Ticketing.BuildingBlocks.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Identity;
using Ticketing.Identity.Connect;
using Ticketing.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ticketing.UnitTests.Identity;

/// <summary>What the identity service puts in place at every start: roles, clients and (in the sample) the sample users; twice is once.</summary>
public sealed class SeedingTests : IDisposable
{
    private const string Password = "Hotline#2026";
    private readonly IdentityStore _store = new();

    [Fact]
    public async Task Seeding_twice_creates_every_role_and_sample_user_once_with_its_role_and_office()
    {
        Assert.Equal((6, 11), await SeedAsync());
        Assert.Equal((0, 0), await SeedAsync());

        await using var scope = _store.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TicketingUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        Assert.Equal(UserRoles.All.Order(), roles.Roles.Select(r => r.Name!).AsEnumerable().Order());
        Assert.Equal(11, users.Users.Count());
        foreach (var sample in SampleUsers.All)
        {
            var user = await users.FindByNameAsync(sample.UserName);
            Assert.NotNull(user);
            Assert.Equal([sample.Role], await users.GetRolesAsync(user));
            Assert.Equal((sample.DisplayName, sample.OfficeCode), (user.DisplayName, user.OfficeCode));
            Assert.True(await users.CheckPasswordAsync(user, Password), sample.UserName);
        }
        Assert.Equal(["SFS-BH", "SFS-CG", "SFS-DC", "SFS-DC-DH", "SFS-XC"],
            SampleUsers.All.Where(u => u.Role == Roles.Office).Select(u => u.OfficeCode!).Order());
        Assert.All(UserRoles.All, role => Assert.Contains(SampleUsers.All, u => u.Role == role)); // every role can be tried
    }

    [Fact]
    public async Task Seeding_again_puts_back_a_sample_users_office_and_role_but_keeps_a_changed_password()
    {
        await SeedAsync();
        await using (var scope = _store.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TicketingUser>>();
            var clerk = (await users.FindByNameAsync("clerk-dc"))!;
            clerk.OfficeCode = "SFS-XC";
            await users.UpdateAsync(clerk);
            await users.RemoveFromRoleAsync(clerk, Roles.Office);
            await users.ChangePasswordAsync(clerk, Password, "Changed#2027");
        }

        await SeedAsync();

        await using (var scope = _store.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TicketingUser>>();
            var clerk = (await users.FindByNameAsync("clerk-dc"))!;
            Assert.Equal("SFS-DC", clerk.OfficeCode);
            Assert.Equal([Roles.Office], await users.GetRolesAsync(clerk));
            Assert.True(await users.CheckPasswordAsync(clerk, "Changed#2027"));
        }
    }

    [Fact]
    public async Task Lock_out_comes_after_five_failed_sign_ins_for_five_minutes()
    {
        await SeedAsync();
        await using var scope = _store.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TicketingUser>>();
        var agent = (await users.FindByNameAsync("agent1"))!;
        for (var failure = 1; failure <= 4; failure++) await users.AccessFailedAsync(agent);
        Assert.False(await users.IsLockedOutAsync(agent));
        await users.AccessFailedAsync(agent);
        Assert.True(await users.IsLockedOutAsync(agent));
        var until = (await users.GetLockoutEndDateAsync(agent))!.Value;
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4.9), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Registering_the_clients_twice_leaves_one_of_each_as_configuration_describes_them()
    {
        var options = new IdentityServiceOptions { Issuer = new Uri("http://127.0.0.1:5080"), MachineClientSecret = "first-secret" };
        await RegisterAsync(options);
        await RegisterAsync(options);

        await using var scope = _store.Scope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        Assert.Equal(2, await applications.CountAsync());
        var console = (await applications.FindByClientIdAsync(TicketingClients.Console))!;
        Assert.Equal(ClientTypes.Public, await applications.GetClientTypeAsync(console));
        Assert.Equal(["http://127.0.0.1:5080/console/signin-callback"], (await applications.GetRedirectUrisAsync(console)).ToArray());
        Assert.Equal(["http://127.0.0.1:5080/"], (await applications.GetPostLogoutRedirectUrisAsync(console)).ToArray());
        Assert.True(await applications.HasRequirementAsync(console, Requirements.Features.ProofKeyForCodeExchange));
        Assert.False(await applications.HasPermissionAsync(console, Permissions.GrantTypes.Password)); // off by default
        var machine = (await applications.FindByClientIdAsync(TicketingClients.Machine))!;
        Assert.Equal(ClientTypes.Confidential, await applications.GetClientTypeAsync(machine));
        Assert.True(await applications.ValidateClientSecretAsync(machine, "first-secret"));
    }

    [Fact]
    public async Task A_changed_configuration_changes_the_registered_clients()
    {
        await RegisterAsync(new IdentityServiceOptions { MachineClientSecret = "first-secret" });
        await RegisterAsync(new IdentityServiceOptions { AllowPasswordGrant = true, MachineClientSecret = "second-secret" });

        await using (var scope = _store.Scope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var console = (await applications.FindByClientIdAsync(TicketingClients.Console))!;
            Assert.True(await applications.HasPermissionAsync(console, Permissions.GrantTypes.Password));
            var machine = (await applications.FindByClientIdAsync(TicketingClients.Machine))!;
            Assert.False(await applications.ValidateClientSecretAsync(machine, "first-secret"));
            Assert.True(await applications.ValidateClientSecretAsync(machine, "second-secret"));
        }

        await RegisterAsync(new IdentityServiceOptions()); // no secret: no machine client

        await using (var scope = _store.Scope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            Assert.Null(await applications.FindByClientIdAsync(TicketingClients.Machine));
            Assert.False(await applications.HasPermissionAsync((await applications.FindByClientIdAsync(TicketingClients.Console))!,
                Permissions.GrantTypes.Password));
        }
    }

    private async Task<(int Roles, int Users)> SeedAsync()
    {
        await using var scope = _store.Scope();
        var roles = await RoleSeeding.SeedAsync(scope.ServiceProvider, CancellationToken.None);
        var users = await SampleUsers.SeedAsync(scope.ServiceProvider, Password, CancellationToken.None);
        return (roles, users);
    }

    private async Task RegisterAsync(IdentityServiceOptions options)
    {
        await using var scope = _store.Scope();
        await ClientRegistration.RegisterAsync(scope.ServiceProvider, options, CancellationToken.None);
    }

    public void Dispose() => _store.Dispose();
}
