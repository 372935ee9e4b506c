using Microsoft.AspNetCore.Http;

namespace Ticketing.BuildingBlocks.Errors;

/// <summary>A request that is well-formed but breaks a rule of the domain (409 by default, 422 when the data cannot apply).</summary>
public class DomainRuleException(string title, string detail, int statusCode = StatusCodes.Status409Conflict) : Exception(detail)
{
    public string Title { get; } = title;
    public int StatusCode { get; } = statusCode;

    /// <summary>Members the problem body carries besides title and detail, e.g. what the client may do instead.</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}

public sealed class NotFoundException(string what, object key)
    : DomainRuleException($"{what} not found", $"No {what.ToLowerInvariant()} has the id '{key}'.", StatusCodes.Status404NotFound);
