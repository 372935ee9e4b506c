using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ticketing.BuildingBlocks.Json;

/// <summary>
/// Text as people mean it: Unicode normalised (NFC, so the same name typed on two keyboards is the same
/// string), trimmed, and a value made only of invisible characters (zero-width spaces and the like) counts
/// as empty, so "required" means a person can see it. Other text, CJK Extension B, emoji and RTL included,
/// passes unchanged. Control characters are left for the validators, which know where line breaks belong.
/// </summary>
public sealed class CleanTextConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("Expected text.");
        return Clean(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public static string Clean(string text)
    {
        var normalised = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var trimmed = normalised.Trim();
        return trimmed.EnumerateRunes().All(Invisible) ? "" : trimmed;
    }

    /// <summary>White space and format characters (zero-width space, joiners, direction marks, BOM) show nothing on their own.</summary>
    public static bool Invisible(Rune rune) =>
        Rune.IsWhiteSpace(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format || rune.Value == 0x3164 || rune.Value == 0x115F;
}
