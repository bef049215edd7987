using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// A local certificate authority and a server certificate it signed for <c>localhost</c>, <c>127.0.0.1</c> and
/// <c>::1</c>, for trying SIP over TLS and WSS on one machine (<c>simpleactors cert dev</c>, and a node's first start
/// with a TLS listener and no certificate configured). ECDSA P-256 keys; the server certificate is valid for a year
/// (browsers refuse longer), the authority for ten. The authority's key is not kept: trusting <c>ca.pem</c> trusts this
/// one server certificate and nothing anyone could sign later.
/// </summary>
internal static class DevelopmentCertificate
{
    public const string CaFile = "ca.pem";
    public const string CertificateFile = "server.pem";
    public const string KeyFile = "server-key.pem";

    /// <summary>The default folder, under the data directory.</summary>
    public const string Folder = "certs";

    /// <summary>Whether <paramref name="folder"/> already holds a server certificate and key made here.</summary>
    public static bool Exists(string folder)
        => File.Exists(Path.Combine(folder, CertificateFile)) && File.Exists(Path.Combine(folder, KeyFile));

    /// <summary>Writes <c>ca.pem</c>, <c>server.pem</c> (the server certificate, then the authority's) and <c>server-key.pem</c>.</summary>
    public static void Create(string folder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(folder);
        var now = time.GetUtcNow();

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=SimpleActors development CA, O=SimpleActors", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=SimpleActors development", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // serverAuth
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var server = request.Create(ca, now.AddMinutes(-5), now.AddDays(365), serial);

        Write(Path.Combine(folder, CaFile), ca.ExportCertificatePem() + "\n");
        Write(Path.Combine(folder, KeyFile), serverKey.ExportPkcs8PrivateKeyPem() + "\n", secret: true);
        Write(Path.Combine(folder, CertificateFile), server.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n");
    }

    private static void Write(string path, string text, bool secret = false)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        if (secret && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
