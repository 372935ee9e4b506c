using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Ticketing.BuildingBlocks.Localization;

/// <summary>
/// The language clients read, by ASP.NET Core's request localization: <c>Accept-Language</c> picks zh-CN or en
/// (en-US, en-GB … read en by the parent-culture fallback; zh, zh-Hans, zh-TW … read zh-CN, the one Chinese written
/// here), and zh-CN when the header names neither. Only the UI culture follows the request: numbers, dates and string
/// comparisons keep the process's culture, so no rule of the domain reads differently in another language.
/// </summary>
public static class RequestLanguages
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN"), English = CultureInfo.GetCultureInfo("en");

    public static IServiceCollection AddRequestLanguages(this IServiceCollection services)
    {
        var formatting = CultureInfo.CurrentCulture;
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(formatting, Chinese);
            options.SupportedCultures = [formatting];
            options.SupportedUICultures = [Chinese, English];
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders = [new AcceptLanguage()];
        });
        return services;
    }

    /// <summary>Goes first, so the exception handler and the status-code pages write their problems in the request's language too.</summary>
    public static IApplicationBuilder UseRequestLanguages(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary>The framework's reading of Accept-Language, with any Chinese tag taken as zh-CN (parent fallback only goes up: zh-Hans never finds zh-CN).</summary>
    private sealed class AcceptLanguage : AcceptLanguageHeaderRequestCultureProvider
    {
        public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            await base.DetermineProviderCultureResult(httpContext) is { } asked
                ? new ProviderCultureResult(asked.UICultures.Select(ChineseAsWritten).ToList())
                : null;

        private static StringSegment ChineseAsWritten(StringSegment tag) =>
            tag.Equals("zh", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("zh-", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : tag;
    }
}
