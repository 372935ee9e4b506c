using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Ticketing.BuildingBlocks.Errors;

/// <summary>Turns every exception into an RFC 7807 problem: the client learns what was wrong, never a bare 500 for its own mistake.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            DomainRuleException rule => (rule.StatusCode, rule.Title, rule.Message),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Changed by someone else",
                "The record was changed by another request after you read it. Reload it and try again."),
            BadHttpRequestException bad => (bad.StatusCode, "Malformed request", Describe(bad)),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The server could not complete the request; it has been logged."),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Path}", httpContext.Request.Path);

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static string Describe(BadHttpRequestException exception) =>
        exception.InnerException is JsonException json ? $"{exception.Message} {json.Message}" : exception.Message;
}
