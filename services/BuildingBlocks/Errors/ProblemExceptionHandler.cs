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
        var problem = exception is BadHttpRequestException { InnerException: JsonException json }
            ? new ValidationProblemDetails(new Dictionary<string, string[]> { [FieldOf(json)] = [JsonMessage(json)] })
            : new ProblemDetails();
        (problem.Status, problem.Title, problem.Detail) = (status, title, detail);
        if (exception is DomainRuleException { Extensions: var extensions })
            foreach (var (name, value) in extensions) problem.Extensions[name] = value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    private static string Describe(BadHttpRequestException exception) =>
        exception.InnerException is JsonException json ? $"The JSON body is not valid at '{FieldOf(json)}': {JsonMessage(json)}" : exception.Message;

    /// <summary>The member the JSON error is about (<c>$.channel</c> → <c>channel</c>), or the missing ones the message names.</summary>
    private static string FieldOf(JsonException json)
    {
        var path = json.Path?.TrimStart('$').TrimStart('.');
        if (!string.IsNullOrEmpty(path)) return path;
        var missing = System.Text.RegularExpressions.Regex.Matches(json.Message, "'([A-Za-z0-9_]+)'").Select(m => m.Groups[1].Value)
            .Where(name => char.IsLower(name[0])).ToList();
        return missing.Count > 0 ? string.Join(",", missing) : "body";
    }

    /// <summary>The serializer's words without the .NET type names, which mean nothing to a client.</summary>
    private static string JsonMessage(JsonException json) =>
        System.Text.RegularExpressions.Regex.Replace(json.Message, @"for type '[^']+'", "").Replace("  ", " ");
}
