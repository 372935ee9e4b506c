using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Hosting;

namespace Ticketing.Survey.Links;

/// <summary>The "Survey" configuration section.</summary>
public sealed class SurveyOptions
{
    public const string Section = "Survey";

    /// <summary>
    /// The secret the links' tokens are signed with (HMAC-SHA256), at least 32 characters. Configured per deployment
    /// and shared by every instance; when unset, a random key made on first start is kept in the data folder.
    /// </summary>
    public string? LinkKey { get; set; }

    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// A link's token: <c>base64url(link id ‖ expiry in Unix seconds) "." base64url(HMAC-SHA256 of those bytes)</c>.
/// The signature makes a guessed or edited token worthless; the link row decides whether it was used.
/// </summary>
public sealed class LinkTokens
{
    public const string KeyFile = "survey-keys/link.key";
    private const int PayloadLength = 16 + 8;

    private readonly byte[] _key;

    public LinkTokens(IOptions<SurveyOptions> survey, IOptions<TicketingOptions> ticketing)
        : this(survey.Value.LinkKey is { Length: > 0 } configured
            ? KeyOf(configured)
            : LoadOrCreateKey(Path.Combine(Path.GetFullPath(ticketing.Value.DataDir), KeyFile)))
    {
    }

    public LinkTokens(byte[] key) => _key = key;

    public string TokenFor(SurveyLink link)
    {
        var payload = new byte[PayloadLength];
        link.Id.TryWriteBytes(payload.AsSpan(0, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(16), link.ExpiresAt.ToUnixTimeSeconds());
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload))}";
    }

    /// <summary>The link id and expiry the token was signed with; null when it is malformed or its signature does not match.</summary>
    public (Guid LinkId, DateTimeOffset ExpiresAt)? Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 2) return null;
        byte[] payload, signature;
        try
        {
            payload = Base64Url.DecodeFromChars(parts[0]);
            signature = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            return null;
        }
        if (payload.Length != PayloadLength || !CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload))) return null;
        return (new Guid(payload.AsSpan(0, 16)), DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(16))));
    }

    private static byte[] KeyOf(string configured) => configured.Length >= 32
        ? Encoding.UTF8.GetBytes(configured)
        : throw new InvalidOperationException($"{SurveyOptions.Section}:LinkKey must be at least 32 characters.");

    /// <summary>The key in <paramref name="path"/>, made there first (owner-readable only) if there is none.</summary>
    private static byte[] LoadOrCreateKey(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            var owner = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) owner.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var writer = new StreamWriter(temporary, owner)) writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary); // another instance made it first: use theirs
            }
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
