using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Refit;

namespace Ticketing.Web.Api;

/// <summary>
/// What a service's refusal (an RFC 7807 problem) says, for the user to read: its title, detail and field errors, written by
/// the service in the user's language. 403 and 404 say "not allowed" and "not found" and nothing of the data.
/// </summary>
public sealed record ApiProblem(HttpStatusCode? Status, string Message, IReadOnlyList<string> Details)
{
    public bool IsNotFoundOrForbidden => Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden;

    public static ApiProblem From(Exception exception, IStringLocalizer text) => exception switch
    {
        ApiException { StatusCode: HttpStatusCode.Forbidden } => new(HttpStatusCode.Forbidden, text["You are not allowed to see or do this."], []),
        ApiException { StatusCode: HttpStatusCode.NotFound } => new(HttpStatusCode.NotFound, text["Not found, or not yours to see."], []),
        ApiException { StatusCode: HttpStatusCode.Unauthorized } => new(HttpStatusCode.Unauthorized, text["Your session has ended: sign in again."], []),
        ApiException api => Read(api, text),
        HttpRequestException or TaskCanceledException => new(null, text["The service did not answer. Try again in a moment."], []),
        _ => throw new ArgumentException("Not a service's refusal nor a failed call.", nameof(exception), exception),
    };

    private static ApiProblem Read(ApiException api, IStringLocalizer text)
    {
        if (Parse(api.Content) is not { } body) return new(api.StatusCode, text["The service refused: {0}.", (int)api.StatusCode], []);
        var title = body.TryGetProperty("title", out var t) ? t.GetString() : null;
        var detail = body.TryGetProperty("detail", out var d) ? d.GetString() : null;
        var errors = new List<string>();
        if (body.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            foreach (var field in fields.EnumerateObject())
                errors.AddRange(field.Value.EnumerateArray().Select(message => message.GetString() ?? "").Where(m => m.Length > 0));
        var message = string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new(api.StatusCode, message.Length > 0 ? message : text["The service refused: {0}.", (int)api.StatusCode], errors);
    }

    private static JsonElement? Parse(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return null;
        try
        {
            using var json = JsonDocument.Parse(content);
            return json.RootElement.ValueKind == JsonValueKind.Object ? json.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
