using System.Net;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge;
using SimpleActors.Edge.Auth;
using SimpleActors.Edge.Http;
using SimpleActors.Edge.Transport;
using SimpleActors.Edge.Xcap;
using SimpleActors.Node.Configuration;
using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;
using SimpleActors.Xcap;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// The XCAP server's Kestrel (RFC 4825; docs/xcap.md): its own HTTP listener and an HTTPS one with the SIP TLS certificate
/// (<c>Sip:Tls</c>, or the development certificate), every request under <c>Xcap:Root</c> answered by the
/// <see cref="XcapEndpoint"/>, anything else 404. Authentication is HTTP digest against the SIP users file, with the
/// nonces of SIP (one secret across the cluster); the realm is the domain of the user the request names.
/// </summary>
internal sealed partial class XcapKestrel : IDisposable
{
    private readonly WebApplication app;
    private readonly ServerCertificate? certificate;
    private readonly List<(string Scheme, ListenOptions Listen)> listens;

    private XcapKestrel(WebApplication app, ServerCertificate? certificate, List<(string, ListenOptions)> listens)
    {
        this.app = app;
        this.certificate = certificate;
        this.listens = listens;
    }

    /// <summary>The root URIs served, e.g. <c>http://127.0.0.1:8088/xcap-root</c> (with the ports the system chose for 0).</summary>
    public IReadOnlyList<Uri> Roots { get; private set; } = [];

    public static XcapKestrel Listen(
        SimpleActorsOptions options, string dataDirectory, UserDirectory users, IReadOnlyCollection<string> domains, Func<IActorRef> documents,
        Func<IActorRef> presentities, EntityAsk asks, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var xcap = options.Xcap;
        var logger = loggers.CreateLogger<XcapKestrel>();
        var address = IPAddress.Parse(xcap.Address);
        var certificate = xcap.HttpsPort >= 0 ? SipKestrel.Certificate(options.Sip.Tls, dataDirectory, logger) : null;
        var listens = new List<(string Scheme, ListenOptions Listen)>();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = xcap.MaxBodySize;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.RequestHeadersTimeout = options.Sip.HandshakeTimeout;
            if (xcap.Port >= 0)
            {
                kestrel.Listen(address, xcap.Port, listen => listens.Add(("http", listen)));
            }

            if (certificate is not null)
            {
                kestrel.Listen(address, xcap.HttpsPort, listen =>
                {
                    listen.UseHttps(SipKestrel.Https(certificate, options.Sip.HandshakeTimeout));
                    listens.Add(("https", listen));
                });
            }
        });

        var auth = options.Auth;
        var authenticator = new HttpDigestAuthenticator(auth.CreateNonceIssuer(), new NonceCountTracker(auth.MaxTrackedNonces), HttpDigestAuthenticator.DefaultOffered);
        var first = domains.First();
        var authentication = auth.Enabled
            ? new HttpAuthentication(
                authenticator, users, context => RealmOf(context.Request.Path.Value, domains) ?? first, TimeProvider.System,
                loggers.CreateLogger<HttpAuthentication>())
            : null;
        var endpoint = new XcapEndpoint(xcap.Root, documents, presentities, authentication, asks, xcap.MaxBodySize, loggers.CreateLogger<XcapEndpoint>());

        var app = builder.Build();
        app.Run(context => IsUnderRoot(context.Request.Path, endpoint.Root) ? endpoint.HandleAsync(context) : NotFound(context));
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch
        {
            certificate?.Dispose();
            ((IDisposable)app).Dispose();
            throw;
        }

        var server = new XcapKestrel(app, certificate, listens);
        server.Roots = [.. listens.Select(l => new Uri($"{l.Scheme}://{Host(l.Listen.IPEndPoint!)}{endpoint.Root}"))];
        foreach (var root in server.Roots)
        {
            LogListening(logger, root);
        }

        return server;
    }

    /// <summary>The realm of a request: the domain of the user whose tree it names (<c>.../users/sip:alice@example.com/...</c>) when we serve it.</summary>
    internal static string? RealmOf(string? path, IReadOnlyCollection<string> domains)
    {
        if (path is null)
        {
            return null;
        }

        var at = path.IndexOf("/users/", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = path[(at + "/users/".Length)..];
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        var xui = Uri.UnescapeDataString(end < 0 ? rest : rest[..end]);
        return SipUri.TryParse(xui, out var uri) && domains.Contains(uri.Host.ToLowerInvariant()) ? uri.Host.ToLowerInvariant() : null;
    }

    private static bool IsUnderRoot(PathString path, string root) =>
        path.Value is { } value && value.StartsWith(root, StringComparison.Ordinal) && (value.Length == root.Length || value[root.Length] == '/');

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static string Host(IPEndPoint endPoint) => endPoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? $"[{endPoint.Address}]:{endPoint.Port}"
        : $"{endPoint.Address}:{endPoint.Port}";

    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    public void Dispose()
    {
        ((IDisposable)app).Dispose();
        certificate?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "XCAP root {Root}")]
    private static partial void LogListening(ILogger logger, Uri root);
}
