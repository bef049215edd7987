using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Configuration;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// The server certificate of the TLS and WSS listeners (RFC 3261 section 26.2.1: the server presents its certificate;
/// RFC 7118 section 5), with the chain sent after it (a PEM file's further certificates, as in a "fullchain" file, or a
/// PKCS#12 file's others), read from the files and read again when they change: a new handshake gets the new
/// certificate, open connections keep theirs. A file that does not load (half written, a wrong password) leaves the
/// current certificate in place and is logged.
/// </summary>
public sealed partial class ServerCertificate : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    private readonly SipTlsOptions options;
    private readonly ILogger logger;
    private readonly List<FileSystemWatcher> watchers = [];
    private readonly Timer reload;
    private Presented current;

    private ServerCertificate(SipTlsOptions options, Presented presented, ILogger logger)
    {
        this.options = options;
        this.logger = logger;
        current = presented;
        reload = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        foreach (var file in Files(options).Select(Path.GetFullPath).Distinct())
        {
            var watcher = new FileSystemWatcher(Path.GetDirectoryName(file)!, Path.GetFileName(file))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => ReloadSoon();
            watcher.Created += (_, _) => ReloadSoon();
            watcher.Renamed += (_, _) => ReloadSoon();
            watcher.EnableRaisingEvents = true;
            watchers.Add(watcher);
        }
    }

    /// <summary>The certificate a new handshake presents.</summary>
    public X509Certificate2 Current => Volatile.Read(ref current).Certificate;

    /// <summary>The certificate with its chain, as a handshake sends them.</summary>
    public SslStreamCertificateContext Context => Volatile.Read(ref current).Context;

    /// <summary>Loads the configured files and watches them; throws when they do not load.</summary>
    public static ServerCertificate Watch(SipTlsOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ServerCertificate(options, Present(options), logger);
    }

    /// <summary>The certificate and the chain to send after it (none for a lone certificate).</summary>
    private static Presented Present(SipTlsOptions options)
    {
        var certificate = Load(options);
        var password = string.IsNullOrEmpty(options.Password) ? null : options.Password;
        var all = IsPkcs12(options.CertificateFile)
            ? X509CertificateLoader.LoadPkcs12CollectionFromFile(options.CertificateFile, password)
            : PemCertificates(options.CertificateFile);
        var chain = new X509Certificate2Collection(all.Where(c => c.Thumbprint != certificate.Thumbprint).ToArray());

        // offline: the chain is what the files hold; nothing is fetched from the network during a handshake.
        return new Presented(certificate, SslStreamCertificateContext.Create(certificate, chain, offline: true));
    }

    private static X509Certificate2Collection PemCertificates(string file)
    {
        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(file);
        return all;
    }

    private static bool IsPkcs12(string file) => Path.GetExtension(file).ToLowerInvariant() is ".pfx" or ".p12";

    /// <summary>The certificate and key the options name.</summary>
    public static X509Certificate2 Load(SipTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var file = options.CertificateFile;
        var password = string.IsNullOrEmpty(options.Password) ? null : options.Password;
        if (IsPkcs12(file))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(file, password);
        }

        var key = string.IsNullOrEmpty(options.KeyFile) ? null : options.KeyFile;
        var certificate = password is null
            ? X509Certificate2.CreateFromPemFile(file, key)
            : X509Certificate2.CreateFromEncryptedPemFile(file, password, key);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new CryptographicException($"{file} has no private key");
        }

        return certificate;
    }

    private static IEnumerable<string> Files(SipTlsOptions options)
        => string.IsNullOrEmpty(options.KeyFile) ? [options.CertificateFile] : [options.CertificateFile, options.KeyFile];

    /// <summary>Editors and copies write a file in steps: the reload waits until they have settled.</summary>
    private void ReloadSoon() => reload.Change(Settle, Timeout.InfiniteTimeSpan);

    private void Reload()
    {
        try
        {
            var loaded = Present(options);
            Volatile.Write(ref current, loaded);
            LogReloaded(options.CertificateFile, loaded.Certificate.Subject, loaded.Certificate.NotAfter);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            LogReloadFailed(options.CertificateFile, e.Message);
        }
    }

    public void Dispose()
    {
        foreach (var watcher in watchers)
        {
            watcher.Dispose();
        }

        reload.Dispose();
    }

    private sealed record Presented(X509Certificate2 Certificate, SslStreamCertificateContext Context);

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS certificate {File} reloaded: {Subject}, valid until {NotAfter:u}")]
    private partial void LogReloaded(string file, string subject, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS certificate {File} changed but did not load ({Error}); the previous one stays")]
    private partial void LogReloadFailed(string file, string error);
}
