using Ticketing.BuildingBlocks.Access;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Identity.Account;
using Ticketing.Identity.Data;

namespace Ticketing.Identity.Users;

public static class UserSetup
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(5);

    /// <summary>ASP.NET Core Identity: users and roles on EF Core, lock-out, and the sign-in cookie the authorization endpoint reads.</summary>
    public static WebApplicationBuilder AddUsers(this WebApplicationBuilder builder)
    {
        builder.Services.AddUserStore();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "ticketing.identity";
            cookie.Cookie.Path = "/"; // also when signed in through /api/identity/account/signin
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = AccountEndpoints.SignInPath;
            cookie.ReturnUrlParameter = AccountEndpoints.ReturnUrlParameter;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8); // a shift
            cookie.SlidingExpiration = true;
        });
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "ticketing.antiforgery";
            antiforgery.Cookie.Path = "/";
        });

        // The cookie and the anti-forgery tokens are protected by keys kept in the data folder, so a restart
        // does not sign everyone out.
        var dataDir = builder.Configuration.GetSection(TicketingOptions.Section).Get<TicketingOptions>()?.DataDir ?? "data";
        builder.Services.AddDataProtection()
            .SetApplicationName("ticketing-identity")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataDir), "identity-keys", "data-protection")));
        return builder;
    }

    /// <summary>The user and role stores with the rules of this system (also used by the unit tests).</summary>
    public static IdentityBuilder AddUserStore(this IServiceCollection services) => services
        .AddIdentity<TicketingUser, IdentityRole>(identity =>
        {
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
            identity.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
            identity.User.RequireUniqueEmail = false;
            identity.Password.RequiredLength = UserPasswords.MinimumLength; // what the user admin's validator says too
            // The claim names of OpenID Connect, so the cookie's principal and the tokens speak alike.
            identity.ClaimsIdentity.UserIdClaimType = OpenIddictConstants.Claims.Subject;
            identity.ClaimsIdentity.UserNameClaimType = OpenIddictConstants.Claims.Name;
            identity.ClaimsIdentity.RoleClaimType = OpenIddictConstants.Claims.Role;
        })
        .AddEntityFrameworkStores<IdentityStoreDbContext>()
        .AddSignInManager<TicketingSignInManager>();
}

/// <summary>Every role of <see cref="UserRoles"/> exists, in every deployment (not only the sample).</summary>
public static class RoleSeeding
{
    public static async Task<int> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        var created = 0;
        foreach (var role in UserRoles.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await roles.RoleExistsAsync(role)) continue;
            IdentityResults.ThrowIfFailed(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            created++;
        }
        return created;
    }
}

internal static class IdentityResults
{
    public static void ThrowIfFailed(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not save {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
