using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using SimpleActors.Edge.Configuration;
using SimpleActors.Edge.Transport;

namespace SimpleActors.Edge.Tests.Transport;

/// <summary>The TLS server certificate from PEM and PKCS#12 files, read again when the files change.</summary>
public sealed class ServerCertificateTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("simpleactors-cert-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private void WritePem(X509Certificate2 certificate, string certificateFile, string keyFile)
    {
        File.WriteAllText(Path.Combine(folder, certificateFile), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, keyFile), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    [Fact]
    public void A_pem_certificate_and_key_load_and_a_new_pair_written_over_them_is_read_again()
    {
        using var first = SelfSigned("first");
        using var second = SelfSigned("second");
        WritePem(first, "server.pem", "server-key.pem");
        var options = new SipTlsOptions { CertificateFile = Path.Combine(folder, "server.pem"), KeyFile = Path.Combine(folder, "server-key.pem") };
        using var certificate = ServerCertificate.Watch(options, NullLogger.Instance);
        var loaded = certificate.Current.Thumbprint;

        WritePem(second, "server.pem", "server-key.pem");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (certificate.Current.Thumbprint == loaded && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }

        Assert.Equal(first.Thumbprint, loaded);
        Assert.Equal(second.Thumbprint, certificate.Current.Thumbprint);
        Assert.True(certificate.Current.HasPrivateKey);
    }

    [Fact]
    public void The_further_certificates_of_a_fullchain_pem_file_are_sent_after_the_server_certificate()
    {
        using var root = Authority("root", null);
        using var intermediate = Authority("intermediate", root);
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=server", serverKey, HashAlgorithmName.SHA256);
        using var server = request.Create(intermediate, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1), [1, 2, 3]);
        File.WriteAllText(Path.Combine(folder, "fullchain.pem"), server.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(folder, "key.pem"), serverKey.ExportPkcs8PrivateKeyPem());
        var options = new SipTlsOptions { CertificateFile = Path.Combine(folder, "fullchain.pem"), KeyFile = Path.Combine(folder, "key.pem") };

        using var certificate = ServerCertificate.Watch(options, NullLogger.Instance);

        Assert.Equal(server.Thumbprint, certificate.Current.Thumbprint);
        Assert.Equal(server.Thumbprint, certificate.Context.TargetCertificate.Thumbprint);
        Assert.Equal([intermediate.Thumbprint], certificate.Context.IntermediateCertificates.Select(c => c.Thumbprint));
    }

    /// <summary>A certificate authority, self-signed or signed by <paramref name="issuer"/>, with its key.</summary>
    private static X509Certificate2 Authority(string name, X509Certificate2? issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var from = DateTimeOffset.UtcNow.AddMinutes(-2);
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, from.AddDays(2));
        }

        // Within the issuer's validity (a second may pass between the two certificates: its end is the latest allowed).
        using var signed = request.Create(issuer, from, issuer.NotAfter < from.AddDays(2) ? issuer.NotAfter : from.AddDays(2), [4, 5, 6]);
        return signed.CopyWithPrivateKey(key);
    }

    [Fact]
    public void A_file_that_does_not_load_leaves_the_current_certificate_in_place()
    {
        using var first = SelfSigned("first");
        WritePem(first, "server.pem", "server-key.pem");
        var options = new SipTlsOptions { CertificateFile = Path.Combine(folder, "server.pem"), KeyFile = Path.Combine(folder, "server-key.pem") };
        using var certificate = ServerCertificate.Watch(options, NullLogger.Instance);

        File.WriteAllText(options.CertificateFile, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        Thread.Sleep(1500); // the reload settles after 300 ms

        Assert.Equal(first.Thumbprint, certificate.Current.Thumbprint);
    }

    [Fact]
    public void A_pfx_with_its_password_loads_and_a_wrong_password_or_a_certificate_without_key_is_refused()
    {
        using var first = SelfSigned("pfx");
        var pfx = Path.Combine(folder, "server.pfx");
        File.WriteAllBytes(pfx, first.Export(X509ContentType.Pkcs12, "s3cret"));
        File.WriteAllText(Path.Combine(folder, "alone.pem"), first.ExportCertificatePem());

        using var loaded = ServerCertificate.Load(new SipTlsOptions { CertificateFile = pfx, Password = "s3cret" });

        Assert.Equal(first.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);
        Assert.ThrowsAny<CryptographicException>(() => ServerCertificate.Load(new SipTlsOptions { CertificateFile = pfx, Password = "wrong" }));
        Assert.ThrowsAny<CryptographicException>(() => ServerCertificate.Load(new SipTlsOptions { CertificateFile = Path.Combine(folder, "alone.pem") }));
    }
}
