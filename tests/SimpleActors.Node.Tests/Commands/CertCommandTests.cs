using System.CommandLine;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace SimpleActors.Node.Tests.Commands;

/// <summary><c>simpleactors cert dev</c>: a local CA and a server certificate for 127.0.0.1 and localhost.</summary>
public sealed class CertCommandTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CommandLine.Create().Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Cert_dev_writes_a_ca_and_a_server_certificate_for_loopback_that_the_ca_alone_validates()
    {
        using var temp = new TemporaryDirectory();
        var folder = Path.Combine(temp.Path, "certs");

        var (exitCode, output, _) = await RunAsync("cert", "dev", "--out", folder);
        using var server = X509Certificate2.CreateFromPemFile(Path.Combine(folder, "server.pem"), Path.Combine(folder, "server-key.pem"));
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(folder, "ca.pem")));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1")); // serverAuth
        var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();

        Assert.Equal(0, exitCode);
        Assert.Contains("ca.pem", output, StringComparison.Ordinal);
        Assert.True(server.HasPrivateKey);
        Assert.True(chain.Build(server), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.True(server.NotAfter - server.NotBefore <= TimeSpan.FromDays(398)); // browsers refuse longer
        Assert.False(File.ReadAllText(Path.Combine(folder, "ca.pem")).Contains("PRIVATE KEY", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "server-key.pem")));
        }
    }

    [Fact]
    public async Task Cert_dev_keeps_certificates_already_there_unless_forced()
    {
        using var temp = new TemporaryDirectory();
        var folder = Path.Combine(temp.Path, "certs");
        await RunAsync("cert", "dev", "--out", folder);
        var before = File.ReadAllText(Path.Combine(folder, "server.pem"));

        var (again, _, error) = await RunAsync("cert", "dev", "--out", folder);
        var kept = File.ReadAllText(Path.Combine(folder, "server.pem"));
        var (forced, _, _) = await RunAsync("cert", "dev", "--out", folder, "--force");

        Assert.Equal(1, again);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal(before, kept);
        Assert.Equal(0, forced);
        Assert.NotEqual(before, File.ReadAllText(Path.Combine(folder, "server.pem")));
    }
}
