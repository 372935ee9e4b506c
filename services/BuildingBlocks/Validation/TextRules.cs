using System.Text;
using FluentValidation;

namespace Ticketing.BuildingBlocks.Validation;

/// <summary>Rules for text people type: no control characters (line breaks and tabs only where text may span lines).</summary>
public static class TextRules
{
    /// <summary>A name, title, code or reason on one line: no control characters at all.</summary>
    public static IRuleBuilderOptions<T, string?> SingleLine<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || !text.EnumerateRunes().Any(Rune.IsControl))
            .WithLocalisedMessage("'{PropertyName}' must be one line of text without control characters.");

    /// <summary>Long text (content, replies): line breaks and tabs are fine, other control characters are not.</summary>
    public static IRuleBuilderOptions<T, string?> MultiLine<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || !text.EnumerateRunes().Any(r => Rune.IsControl(r) && r.Value is not ('\n' or '\r' or '\t')))
            .WithLocalisedMessage("'{PropertyName}' must not contain control characters other than line breaks and tabs.");
}
