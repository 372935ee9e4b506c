namespace Ticketing.BuildingBlocks.Access;

/// <summary>
/// The "Ticketing:Access" section: whose tokens a service accepts and how it signs in to its peers. Any OpenID
/// Connect provider can be the authority; on the embedded default it is the identity service behind the gateway.
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Ticketing:Access";

    /// <summary>The issuer whose discovery document names the signing keys (the gateway's URL on the embedded default).</summary>
    public string? Authority { get; set; }

    /// <summary>The audience every access token must name.</summary>
    public string Audience { get; set; } = "ticketing-api";

    /// <summary>Fetches discovery over plain HTTP only where allowed (the embedded system serves HTTP on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Validates against keys kept in a JWKS file instead of the authority's discovery document (a deployment
    /// with no route to its provider's metadata). The issuer must then be given as <see cref="Issuer"/>.
    /// </summary>
    public string? SigningKeysFile { get; set; }

    /// <summary>The issuer tokens must name when validating offline with <see cref="SigningKeysFile"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>Tolerated clock difference between the provider and this service.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The client this service signs in as to query its peers (client credentials).</summary>
    public string MachineClientId { get; set; } = "ticketing-machine";

    public string? MachineClientSecret { get; set; }

    /// <summary>The provider's token endpoint; read from its discovery document when unset.</summary>
    public string? TokenEndpoint { get; set; }
}
