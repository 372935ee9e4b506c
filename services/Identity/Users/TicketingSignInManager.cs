using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ticketing.Identity.Users;

/// <summary>
/// Identity's sign-in with one rule more: a disabled user may not sign in. Every way in asks <see cref="CanSignInAsync"/>: the sign-in
/// page, the password grant, /connect/authorize with the cookie, and the code and refresh-token grants.
/// </summary>
public sealed class TicketingSignInManager(
    UserManager<TicketingUser> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<TicketingUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<TicketingUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<TicketingUser> confirmation)
    : SignInManager<TicketingUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(TicketingUser user) => !user.IsDisabled && await base.CanSignInAsync(user);
}
