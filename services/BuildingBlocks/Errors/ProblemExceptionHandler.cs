using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Ticketing.BuildingBlocks.Localization;

namespace Ticketing.BuildingBlocks.Errors;

/// <summary>
/// Turns every exception into an RFC 7807 problem: the client learns what was wrong, in its language, never a bare
/// 500 for its own mistake. (Titles are translated for every problem alike, by <see cref="ProblemTitles"/>.)
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, IStringLocalizer<Messages> text, UnreadableRequests unreadable,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainRuleException rule => Problem(rule.StatusCode, rule.Title, rule.Detail.In(text)),
            DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, "Changed by someone else",
                text["The record was changed by another request after you read it. Reload it and try again."].Value),
            BadHttpRequestException bad => unreadable.Describe(httpContext, bad),
            _ => Problem(StatusCodes.Status500InternalServerError, "Unexpected error",
                text["The server could not complete the request; it has been logged."].Value),
        };
        if (problem.Status >= 500) logger.LogError(exception, "Unhandled error on {Path}", httpContext.Request.Path);

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is DomainRuleException { Extensions: var extensions })
            foreach (var (name, value) in extensions) problem.Extensions[name] = value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
