using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Ticketing.BuildingBlocks.Localization;

namespace Ticketing.BuildingBlocks.Errors;

/// <summary>
/// Every problem's title in the request's language, whoever wrote it (the exception handler, the validation filter,
/// the status-code pages, the gateway): each title has a resource keyed by its English text. A problem without a
/// title gets its status's reason phrase.
/// </summary>
public static class ProblemTitles
{
    public static void Translate(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var title = problem.Title ?? ReasonPhrases.GetReasonPhrase(problem.Status ?? context.HttpContext.Response.StatusCode);
        if (string.IsNullOrEmpty(title)) return;
        problem.Title = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Messages>>()[title].Value;
    }
}
