using Microsoft.AspNetCore.Http;
using Ticketing.BuildingBlocks.Localization;

namespace Ticketing.BuildingBlocks.Errors;

/// <summary>
/// A request that is well-formed but breaks a rule of the domain (409 by default, 422 when the data cannot apply).
/// The title, and a detail that has a resource (see <see cref="Messages"/>), reach the client in its language.
/// </summary>
public class DomainRuleException(string title, Phrase detail, int statusCode = StatusCodes.Status409Conflict) : Exception(detail.ToString())
{
    public DomainRuleException(string title, string detail, int statusCode = StatusCodes.Status409Conflict) : this(title, new Phrase(detail), statusCode)
    {
    }

    public string Title { get; } = title;
    public int StatusCode { get; } = statusCode;

    /// <summary>The detail as the client reads it; <see cref="Exception.Message"/> is its English text.</summary>
    public Phrase Detail { get; } = detail;

    /// <summary>Members the problem body carries besides title and detail, e.g. what the client may do instead.</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}

public sealed class NotFoundException(string what, object key)
    : DomainRuleException($"{what} not found", new Phrase("No {0} has the id '{1}'.", what.ToLowerInvariant(), key), StatusCodes.Status404NotFound);
