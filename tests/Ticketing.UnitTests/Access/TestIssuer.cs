using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Ticketing.BuildingBlocks.Access;

namespace Ticketing.UnitTests.Access;

/// <summary>
/// An issuer for in-process hosts, which run without the identity service: its public key goes to the hosts as a
/// JWKS file (<see cref="AccessOptions.SigningKeysFile"/>), its private key signs tokens as a provider would.
/// </summary>
public static class TestIssuer
{
    public const string Issuer = "https://issuer.test/";

    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test-issuer" };

    private static readonly Lazy<string> KeysFile = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"ticketing-test-issuer-{Environment.ProcessId}.jwks.json");
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Key.Rsa.ExportParameters(false)) { KeyId = Key.KeyId });
        File.WriteAllText(path, $$"""{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"{{jwk.Kid}}","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""");
        return path;
    });

    /// <summary>Makes a host accept this issuer's tokens and query its peers with this issuer's service token.</summary>
    public static WebApplicationBuilder TrustTestIssuer(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ticketing:Access:SigningKeysFile"] = KeysFile.Value,
            ["Ticketing:Access:Issuer"] = Issuer,
        });
        builder.Services.AddSingleton<IMachineTokens>(new ServiceTokens());
        return builder;
    }

    public static string TokenFor(string user, string role, string? office = null, TimeSpan? lifetime = null, string issuer = Issuer,
        SecurityKey? signedWith = null)
    {
        var claims = new List<Claim> { new("sub", user), new("preferred_username", user), new("name", user), new("role", role) };
        if (office is not null) claims.Add(new Claim("office", office));
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(30));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "ticketing-api",
            Subject = new ClaimsIdentity(claims),
            IssuedAt = expires < now ? expires.AddMinutes(-5) : now,
            NotBefore = expires < now ? expires.AddMinutes(-5) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(signedWith ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A client whose every request carries a token for <paramref name="user"/>.</summary>
    public static HttpClient SignIn(this HttpClient client, string user, string role, string? office = null)
    {
        client.DefaultRequestHeaders.Authorization = new("Bearer", TokenFor(user, role, office));
        return client;
    }

    private sealed class ServiceTokens : IMachineTokens
    {
        public ValueTask<string> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(TokenFor("ticketing-machine", Roles.Service));
    }
}
