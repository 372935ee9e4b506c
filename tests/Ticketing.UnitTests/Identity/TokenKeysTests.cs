using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Identity;
using Ticketing.Identity.Connect;

namespace Ticketing.UnitTests.Identity;

/// <summary>The signing and encryption keys outlive a restart: made once in the data folder, read back the same.</summary>
public sealed class TokenKeysTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ticketing-keys-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void The_first_start_makes_the_keys_and_every_later_start_reads_the_same_ones()
    {
        var first = Keys(new IdentityServiceOptions());
        var folder = Path.Combine(_dataDir, TokenKeys.Folder);
        Assert.True(File.Exists(Path.Combine(folder, "signing.pem")));
        Assert.True(File.Exists(Path.Combine(folder, "encryption.pem")));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "signing.pem")));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));

        var second = Keys(new IdentityServiceOptions());

        Assert.Equal(SecurityAlgorithms.RsaSha256, second.Signing.Algorithm);
        Assert.Equal(first.Signing.Key.KeyId, second.Signing.Key.KeyId);
        Assert.Equal(Modulus(first.Signing.Key), Modulus(second.Signing.Key));
        Assert.Equal(first.Encryption.Key.KeyId, second.Encryption.Key.KeyId);
        Assert.NotEqual(first.Signing.Key.KeyId, first.Encryption.Key.KeyId); // two keys, one job each
    }

    [Fact]
    public void The_key_id_is_the_keys_thumbprint_so_it_names_the_same_key_after_a_restart()
    {
        var path = Path.Combine(_dataDir, "key.pem");
        var key = TokenKeys.LoadOrCreateRsaKey(path);
        var again = TokenKeys.LoadOrCreateRsaKey(path);
        Assert.Equal(Base64UrlEncoder.Encode(key.ComputeJwkThumbprint()), key.KeyId);
        Assert.Equal(key.KeyId, again.KeyId);
        Assert.True(key.PrivateKeyStatus == PrivateKeyStatus.Exists || key.Rsa is not null);
    }

    [Fact]
    public void A_configured_certificate_signs_instead_of_the_kept_key()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ticketing-identity-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        Directory.CreateDirectory(_dataDir);
        var pfx = Path.Combine(_dataDir, "signing.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, "pfx-password"));

        var keys = Keys(new IdentityServiceOptions { SigningCertificatePath = pfx, SigningCertificatePassword = "pfx-password" });

        var signing = Assert.IsType<X509SecurityKey>(keys.Signing.Key);
        Assert.Equal(certificate.Thumbprint, signing.Certificate.Thumbprint);
        Assert.False(File.Exists(Path.Combine(_dataDir, TokenKeys.Folder, "signing.pem")));
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_refused_at_start()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=public-only", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        Directory.CreateDirectory(_dataDir);
        var pem = Path.Combine(_dataDir, "public.pem");
        File.WriteAllText(pem, certificate.ExportCertificatePem());
        Assert.ThrowsAny<CryptographicException>(() => Keys(new IdentityServiceOptions { SigningCertificatePath = pem }));
    }

    private TokenKeys Keys(IdentityServiceOptions identity) =>
        new(Options.Create(identity), Options.Create(new TicketingOptions { DataDir = _dataDir }));

    private static string Modulus(SecurityKey key) => Convert.ToBase64String(((RsaSecurityKey)key).Rsa.ExportParameters(false).Modulus!);

    public void Dispose()
    {
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
    }
}
