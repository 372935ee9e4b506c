namespace Ticketing.Dispatch.Data;

/// <summary>Text that arrives in another service's event: not ours to refuse, so it is cut to fit its column.</summary>
public static class EventText
{
    public static string? Clip(string? text, int length)
    {
        if (text is null || text.Length <= length) return text;
        var cut = length - 1;
        if (char.IsHighSurrogate(text[cut - 1])) cut--; // never split a character outside the BMP (e.g. 𠀀)
        return text[..cut] + "…";
    }
}
