namespace Ticketing.FollowUp.Attachments;

/// <summary>
/// What a file is by its first bytes (magic numbers), not by its name: PNG, JPEG, GIF, WebP and PDF, the only kinds an
/// office may attach. No maintained content-sniffing library is served to this build, and these five need a few bytes each.
/// </summary>
public static class FileSignatures
{
    /// <summary>Bytes enough to tell them apart.</summary>
    public const int HeadLength = 16;

    private static readonly (string ContentType, byte[] Prefix)[] Prefixes =
    [
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        ("image/gif", "GIF87a"u8.ToArray()),
        ("image/gif", "GIF89a"u8.ToArray()),
        ("application/pdf", "%PDF-"u8.ToArray()),
    ];

    /// <summary>The content type the bytes are, or null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        foreach (var (contentType, prefix) in Prefixes)
            if (head.StartsWith(prefix)) return contentType;
        // WebP: a RIFF container whose form type is WEBP.
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        return null;
    }
}
