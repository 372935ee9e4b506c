using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Ticketing.BuildingBlocks.Localization;

/// <summary>
/// A text for the client said in its language when the answer is written: an English composite format (also its
/// key in Messages.resx) and the values that go into it, e.g. <c>new Phrase("pageSize must be between 1 and {0}.", 200)</c>.
/// </summary>
public sealed class Phrase(string format, params object?[] arguments)
{
    public string Format { get; } = format;

    public IReadOnlyList<object?> Arguments { get; } = arguments;

    /// <summary>In the request's language (the current UI culture); as written where the resources do not have it.</summary>
    public string In(IStringLocalizer text) =>
        Arguments.Count == 0 ? text[Format].Value : text[Format, [.. Arguments.Select(a => a ?? "")]].Value;

    /// <summary>In English, for logs and exception messages.</summary>
    public override string ToString() =>
        Arguments.Count == 0 ? Format : string.Format(CultureInfo.InvariantCulture, Format, [.. Arguments]);
}
