namespace Ticketing.Identity;

/// <summary>The "Identity" configuration section: who the issuer is, which grants are open, the keys and the sample data.</summary>
public sealed class IdentityServiceOptions
{
    public const string Section = "Identity";

    /// <summary>
    /// The issuer named in every token and in discovery: the gateway's public URL. When unset, the issuer is the
    /// address the request came to (behind the gateway, the gateway's, from the X-Forwarded headers).
    /// </summary>
    public Uri? Issuer { get; set; }

    /// <summary>Where the web console is served: its sign-in callback and the page after sign-out. The issuer when unset.</summary>
    public Uri? ConsoleUrl { get; set; }

    /// <summary>The resource owner password grant (a user's name and password straight to /connect/token). Off by default.</summary>
    public bool AllowPasswordGrant { get; set; }

    /// <summary>Seeds the sample city's users (the embedded sample only).</summary>
    public bool SeedSampleUsers { get; set; }

    /// <summary>The password of every seeded sample user, set when the user is created.</summary>
    public string SamplePassword { get; set; } = "Hotline#2026";

    /// <summary>The secret of the confidential machine client <c>ticketing-machine</c>; without one that client is not registered.</summary>
    public string? MachineClientSecret { get; set; }

    /// <summary>A certificate (PKCS#12, or PEM with its key) that signs the tokens; otherwise an RSA key kept in the data folder.</summary>
    public string? SigningCertificatePath { get; set; }

    public string? SigningCertificatePassword { get; set; }

    /// <summary>
    /// Refuses OpenID Connect requests over plain HTTP. Off by default because the embedded system serves HTTP on
    /// loopback; turn it on wherever the gateway is reached over TLS (X-Forwarded-Proto: https counts).
    /// </summary>
    public bool RequireHttps { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The console's base URL: <see cref="ConsoleUrl"/>, else <see cref="Issuer"/>, else the default gateway address.</summary>
    public Uri ConsoleBaseUrl => EndWithSlash(ConsoleUrl ?? Issuer ?? new Uri("http://127.0.0.1:5080/"));

    private static Uri EndWithSlash(Uri uri) => new(uri.AbsoluteUri.EndsWith('/') ? uri.AbsoluteUri : uri.AbsoluteUri + "/");
}
