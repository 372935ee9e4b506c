using System.Collections;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Localization;

namespace Ticketing.BuildingBlocks.Errors;

/// <summary>
/// A request the framework could not read, as a 400 naming each field and its rule in the request's language:
/// malformed JSON, a member of the wrong type, a missing or null member, a query or route value that does not parse,
/// no body. System.Text.Json and minimal APIs say these in English with .NET type names; the kind of error is read
/// from their exception, and the member's type from the endpoint's JSON contract, and said again here.
/// </summary>
public sealed partial class UnreadableRequests(IStringLocalizer<Messages> text, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    /// <summary>The key of an error about the body as a whole.</summary>
    public const string Body = "body";

    private static readonly HashSet<Type> WholeNumbers = [typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong)];

    private static readonly HashSet<Type> Numbers = [typeof(float), typeof(double), typeof(decimal)];

    public ProblemDetails Describe(HttpContext http, BadHttpRequestException bad)
    {
        var errors = bad.InnerException is JsonException reading ? Json(http, reading) : Parameter(http, bad.Message);
        if (errors is null) return new ProblemDetails { Status = bad.StatusCode, Title = "Malformed request", Detail = Other(bad) };
        return new ValidationProblemDetails(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Status = bad.StatusCode,
            Title = "Malformed request",
            Detail = text["The request could not be read: {0}", string.Join(" ", errors.Select(e => e.Message))].Value,
        };
    }

    private List<(string Field, string Message)> Json(HttpContext http, JsonException reading)
    {
        var path = reading.Path is null ? "" : reading.Path.TrimStart('$').TrimStart('.');
        var field = path.Length > 0 ? path : Body;
        if (reading.InnerException is JsonException) // the reader's own: this is not JSON
            return [(field, text["The body is not valid JSON (line {0}, byte {1}).", (reading.LineNumber ?? 0) + 1, (reading.BytePositionInLine ?? 0) + 1].Value)];
        var missing = MissingMembers().Match(reading.Message);
        if (missing.Success)
            return missing.Groups["name"].Captures.Select(name => path.Length > 0 ? $"{path}.{name.Value}" : name.Value)
                .Select(member => (member, text["'{0}' is required.", member].Value)).ToList();
        if (NullRefused().IsMatch(reading.Message)) return [(field, text["'{0}' must not be null.", field].Value)];
        return [(field, Expected(field, MemberType(http, path)))];
    }

    private List<(string Field, string Message)>? Parameter(HttpContext http, string message)
    {
        if (BindingFailed().Match(message) is { Success: true } failed)
        {
            var name = failed.Groups["name"].Value;
            var field = JsonNamingPolicy.CamelCase.ConvertName(name);
            var type = Endpoint(http)?.Metadata.OfType<IParameterBindingMetadata>()
                .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.ParameterInfo.ParameterType;
            return [(field, Expected(field, type))];
        }
        var absent = NotProvided().Match(message);
        if (absent.Success && absent.Groups["source"].Value != "body")
        {
            var field = JsonNamingPolicy.CamelCase.ConvertName(absent.Groups["name"].Value);
            return [(field, text["'{0}' is required.", field].Value)];
        }
        if (absent.Success || message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
            return [(Body, text["A JSON body is required."].Value)];
        return null;
    }

    private string Other(BadHttpRequestException bad)
    {
        if (UnsupportedMediaType().Match(bad.Message) is { Success: true } media)
            return text["The body must be JSON (Content-Type: application/json), not '{0}'.", media.Groups["type"].Value].Value;
        if (TooLarge().Match(bad.Message) is { Success: true } large)
            return text["The body is too large: at most {0} bytes.", large.Groups["bytes"].Value].Value;
        return bad.Message;
    }

    /// <summary>What a member or parameter of this type takes, naming it.</summary>
    private string Expected(string field, Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return (type switch
        {
            null => text["'{0}' does not have the expected type.", field],
            { IsEnum: true } => text["'{0}' must be one of: {1}.", field, string.Join(", ", Enum.GetNames(type))],
            _ when type == typeof(string) => text["'{0}' must be text.", field],
            _ when type == typeof(bool) => text["'{0}' must be true or false.", field],
            _ when type == typeof(Guid) => text["'{0}' must be an id such as {1}.", field, "3fa85f64-5717-4562-b3fc-2c963f66afa6"],
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) =>
                text["'{0}' must be a date and time such as {1}.", field, "2026-03-01T09:30:00+08:00"],
            _ when type == typeof(DateOnly) => text["'{0}' must be a date such as {1}.", field, "2026-03-01"],
            _ when WholeNumbers.Contains(type) => text["'{0}' must be a whole number within range.", field],
            _ when Numbers.Contains(type) => text["'{0}' must be a number.", field],
            _ when typeof(IEnumerable).IsAssignableFrom(type) => text["'{0}' must be a list.", field],
            _ => text["'{0}' must be an object.", field],
        }).Value;
    }

    /// <summary>The type of the member at a JSON path (<c>items[0].name</c>) of the endpoint's body, by its JSON contract.</summary>
    private Type? MemberType(HttpContext http, string path)
    {
        var type = Endpoint(http)?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        foreach (Match step in PathStep().Matches(path))
        {
            if (type is null) return null;
            var contract = json.Value.SerializerOptions.GetTypeInfo(type);
            type = step.Groups["index"].Success
                ? contract.ElementType
                : contract.Properties.FirstOrDefault(p => p.Name == step.Groups["name"].Value)?.PropertyType;
        }
        return type;
    }

    /// <summary>The endpoint the request was for (the exception handler has cleared it from the context by now).</summary>
    private static Endpoint? Endpoint(HttpContext http) => http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();

    [GeneratedRegex(@"\['(?<name>[^']*)'\]|\[(?<index>\d+)\]|(?<name>[^.\[\]]+)")]
    private static partial Regex PathStep();

    // System.Text.Json: "JSON deserialization for type 'X' was missing required properties including: 'a', 'b'."
    [GeneratedRegex(@"missing required properties including: (?:'(?<name>[^']+)'(?:, )?)+")]
    private static partial Regex MissingMembers();

    // "The constructor parameter 'a' on type 'X' doesn't allow null values." / "The property or field 'a' … doesn't allow setting null values."
    [GeneratedRegex("doesn't allow (setting )?null values")]
    private static partial Regex NullRefused();

    // Minimal APIs: "Failed to bind parameter \"int? page\" from \"abc\"."
    [GeneratedRegex("^Failed to bind parameter \"[^\"]* (?<name>[^\" ]+)\" from ")]
    private static partial Regex BindingFailed();

    // "Required parameter \"string code\" was not provided from query string."
    [GeneratedRegex("^Required parameter \"[^\"]* (?<name>[^\" ]+)\" was not provided from (?<source>[a-z ]+)")]
    private static partial Regex NotProvided();

    [GeneratedRegex("^Expected a supported JSON media type but got \"(?<type>[^\"]*)\"")]
    private static partial Regex UnsupportedMediaType();

    // Kestrel: "Request body too large. The max request body size is 30000000 bytes."
    [GeneratedRegex(@"^Request body too large\. The max request body size is (?<bytes>\d+) bytes")]
    private static partial Regex TooLarge();
}
