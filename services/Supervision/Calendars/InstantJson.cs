using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Ticketing.Supervision.Calendars;

/// <summary>
/// An instant as ISO-8601 with its offset or Z (<c>2026-02-13T17:00:00+08:00</c>, <c>2026-02-13T09:00Z</c>). A local
/// time without one names no instant, and the server's own zone is no answer, so it is refused (400).
/// </summary>
public sealed partial class InstantJson : JsonConverter<DateTimeOffset>
{
    private const string Expected = "an ISO-8601 instant with its offset, such as 2026-02-13T17:00:00+08:00 or 2026-02-13T09:00:00Z";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected {Expected}.");
        if (!WithOffset().IsMatch(reader.GetString()!) || !reader.TryGetDateTimeOffset(out var instant))
            throw new JsonException($"Expected {Expected}.");
        return instant;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    [GeneratedRegex(@"T.*(Z|z|[+-]\d\d(:?\d\d)?)$")]
    private static partial Regex WithOffset();
}
