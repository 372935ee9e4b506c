using Microsoft.AspNetCore.Localization;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.Web.SignIn;

namespace Ticketing.Web.Languages;

/// <summary>The console's texts (<c>Text.resx</c>, English keys; <c>Text.zh-CN.resx</c>).</summary>
public sealed class Text;

/// <summary>
/// The console speaks zh-CN unless the user switched to English: ASP.NET Core's request localization with the culture cookie
/// alone (not the browser's Accept-Language: a hotline's desks are Chinese whatever browser they run). The interactive circuit
/// keeps the language its page was loaded in, so the switch reloads the page.
/// </summary>
public static class ConsoleLanguages
{
    public static WebApplicationBuilder AddConsoleLanguages(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.PostConfigure<RequestLocalizationOptions>(options =>
            options.RequestCultureProviders = [new CookieRequestCultureProvider()]);
        return builder;
    }

    public static IEndpointRouteBuilder MapConsoleLanguages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console/language/{name}", (string name, string? returnUrl, HttpContext http) =>
        {
            var language = name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? RequestLanguages.English : RequestLanguages.Chinese;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return TypedResults.LocalRedirect(ConsoleSignIn.LocalOnly(returnUrl));
        }).AllowAnonymous();
        return app;
    }
}
