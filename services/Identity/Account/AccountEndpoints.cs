using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Ticketing.Identity.Users;

namespace Ticketing.Identity.Account;

/// <summary>The sign-in form of a person signing in to a client: /connect/authorize sends them here and takes them back.</summary>
public sealed record SignInForm(string? UserName, string? Password, string? ReturnUrl);

public static class AccountEndpoints
{
    public const string SignInPath = "/account/signin", ReturnUrlParameter = "returnUrl";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Account 账户");
        account.MapGet("/signin", ShowSignIn)
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .WithSummary("The sign-in page (HTML): user name and password, then back to the returnUrl (a local address, e.g. /connect/authorize?…).");
        account.MapPost("/signin", SignIn)
            .Produces(StatusCodes.Status302Found)
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary($"Signs in with the form (anti-forgery token required) and goes back to the returnUrl; wrong details show the page again. " +
                         $"{UserSetup.MaxFailedSignIns} failed sign-ins lock the account for {UserSetup.LockoutDuration.TotalMinutes:0} minutes.");
        return app;
    }

    private static IResult ShowSignIn(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Page(http, antiforgery, LocalOrNull(returnUrl), userName: null, error: null);

    private static async Task<IResult> SignIn(HttpContext http, IAntiforgery antiforgery, SignInManager<TicketingUser> signIn, [FromForm] SignInForm form)
    {
        var returnUrl = LocalOrNull(form.ReturnUrl);
        var userName = form.UserName?.Trim();
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(form.Password))
            return Page(http, antiforgery, returnUrl, userName, "请输入用户名和密码。Enter your user name and password.");

        var result = await signIn.PasswordSignInAsync(userName, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return Results.Redirect(returnUrl ?? "/");
        var error = result.IsLockedOut
            ? $"连续 {UserSetup.MaxFailedSignIns} 次登录失败，账户已锁定，请 {UserSetup.LockoutDuration.TotalMinutes:0} 分钟后再试。" +
              $"The account is locked after {UserSetup.MaxFailedSignIns} failed sign-ins; try again in {UserSetup.LockoutDuration.TotalMinutes:0} minutes."
            : "用户名或密码错误。Wrong user name or password.";
        return Page(http, antiforgery, returnUrl, userName, error);
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? userName, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = SignInPage.Render(http.Request.PathBase + SignInPath, returnUrl, tokens.FormFieldName, tokens.RequestToken ?? "", userName, error);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>Only an address on this site (<c>/connect/authorize?…</c>), never another site: no open redirect.</summary>
    public static string? LocalOrNull(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl) ? url : null;
}
