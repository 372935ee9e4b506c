using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Ticketing.BuildingBlocks.Hosting;

namespace Ticketing.Identity.Connect;

/// <summary>
/// The keys that sign the tokens and encrypt what only this server reads (authorization codes, refresh tokens).
/// Each is an RSA key kept in the data folder (<c>identity-keys/</c>), made on the first start and read on every
/// later one, so tokens stay valid across restarts; or, for signing, the certificate <c>Identity:SigningCertificatePath</c> names.
/// </summary>
public sealed class TokenKeys
{
    public const string Folder = "identity-keys";

    public TokenKeys(IOptions<IdentityServiceOptions> identity, IOptions<TicketingOptions> ticketing)
    {
        var folder = Path.Combine(Path.GetFullPath(ticketing.Value.DataDir), Folder);
        Signing = identity.Value.SigningCertificatePath is { Length: > 0 } certificate
            ? new SigningCredentials(new X509SecurityKey(LoadCertificate(certificate, identity.Value.SigningCertificatePassword)), SecurityAlgorithms.RsaSha256)
            : new SigningCredentials(LoadOrCreateRsaKey(Path.Combine(folder, "signing.pem")), SecurityAlgorithms.RsaSha256);
        Encryption = new EncryptingCredentials(LoadOrCreateRsaKey(Path.Combine(folder, "encryption.pem")),
            SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512);
    }

    public SigningCredentials Signing { get; }

    public EncryptingCredentials Encryption { get; }

    /// <summary>
    /// The RSA key in <paramref name="path"/> (PKCS#8 PEM), made there first if there is none. Written to a temporary
    /// file readable by the owner only and moved into place, so two instances starting at once end up with one key.
    /// Its key id is its JWK thumbprint (RFC 7638): the same key has the same id after every restart.
    /// </summary>
    public static RsaSecurityKey LoadOrCreateRsaKey(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var created = RSA.Create(2048);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            var owner = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) owner.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var writer = new StreamWriter(path: temporary, options: owner)) writer.Write(created.ExportPkcs8PrivateKeyPem());
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary); // another instance made it first: use theirs
            }
        }
        var rsa = RSA.Create(); // lives as long as the server: the credentials keep using it
        rsa.ImportFromPem(File.ReadAllText(path));
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)).ComputeJwkThumbprint());
        return key;
    }

    /// <summary>A PKCS#12 file (.pfx/.p12, with <paramref name="password"/>) or a PEM file holding the certificate and its private key.</summary>
    public static X509Certificate2 LoadCertificate(string path, string? password)
    {
        var full = Path.GetFullPath(path);
        var certificate = full.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
            ? X509Certificate2.CreateFromPemFile(full)
            : X509CertificateLoader.LoadPkcs12FromFile(full, password);
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"The signing certificate {full} has no private key (Identity:SigningCertificatePath).");
        return certificate;
    }
}
