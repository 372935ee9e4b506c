using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Identity.Users;

namespace Ticketing.UnitTests.Identity;

/// <summary>A disabled user may not sign in by any way Identity offers, and keeps who disabled them and when until enabled again.</summary>
public sealed class DisabledUserTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly IdentityStore _store = new();

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_an_enabled_one_can_again()
    {
        await using var scope = _store.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TicketingUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<TicketingUser>>();
        var user = TicketingUser.Enrol("clerk-new", "新承办员", "SFS-DC", "admin1", Monday);
        Assert.True((await users.CreateAsync(user, "Welcome#2026")).Succeeded);
        Assert.IsType<TicketingSignInManager>(signIn);
        Assert.True(await signIn.CanSignInAsync(user));

        user.Disable("admin1", Monday.AddHours(1));
        user.Disable("admin2", Monday.AddHours(2)); // the first time stays
        await users.UpdateAsync(user);
        Assert.Equal((Monday.AddHours(1), "admin1"), (user.DisabledAt, user.DisabledBy));
        Assert.False(await signIn.CanSignInAsync(user));
        Assert.True((await signIn.CheckPasswordSignInAsync(user, "Welcome#2026", lockoutOnFailure: true)).IsNotAllowed);

        user.Enable("admin2", Monday.AddHours(3));
        Assert.Equal((null, null, "admin2", Monday.AddHours(3)), (user.DisabledAt, user.DisabledBy, user.ChangedBy, user.ChangedAt));
        Assert.True((await signIn.CheckPasswordSignInAsync(user, "Welcome#2026", lockoutOnFailure: true)).Succeeded);
    }

    [Theory]
    [InlineData("Welcome#2026", true)]
    [InlineData("welcome#2026", false)]
    [InlineData("Welcome2026", false)]
    [InlineData("Welcome#", false)]
    public void A_first_password_needs_every_kind_of_character(string password, bool strong) =>
        Assert.Equal(strong, UserPasswords.IsStrong(password));

    public void Dispose() => _store.Dispose();
}
