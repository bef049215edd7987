using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Configuration;
using SimpleActors.Edge.Transport;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// The Kestrel server of a node's SIP listeners over TCP, TLS and WebSocket (DESIGN.md: connection-oriented transports
/// run as ASP.NET Core connection handlers over pipes, TLS is middleware):
/// <list type="bullet">
/// <item>TCP (RFC 3261 section 18.3): <see cref="SipConnectionHandler"/> on the connection's pipe;</item>
/// <item>TLS (RFC 3261 section 26): Kestrel's TLS middleware (TLS 1.2 and 1.3 only, the handshake within
/// <c>Sip:HandshakeTimeout</c>), then <see cref="SipConnectionHandler"/> on the clear pipe;</item>
/// <item>WS and WSS (RFC 7118): HTTP/1.1, in clear or over the same TLS, with <see cref="SipWebSocketMiddleware"/>
/// taking the upgrades; a client has <c>Sip:HandshakeTimeout</c> to send its request headers (slow loris).</item>
/// </list>
/// UDP keeps its own sockets (<see cref="UdpSocketActor"/>); outgoing TCP connections are opened by the
/// <see cref="TcpConnectorActor"/> and run the same <see cref="SipStreamConnection"/>.
/// </summary>
internal sealed partial class SipKestrel : IDisposable
{
    private readonly WebApplication app;
    private readonly ServerCertificate? certificate;
    private readonly List<(SipTransport Transport, ListenOptions Listen)> listens;
    private readonly TaskCompletionSource<EdgeTransportContext> edge;
    private ReceiveLoops? loops;
    private int stopped;

    private SipKestrel(
        WebApplication app, ServerCertificate? certificate, List<(SipTransport, ListenOptions)> listens, TaskCompletionSource<EdgeTransportContext> edge)
    {
        this.app = app;
        this.certificate = certificate;
        this.listens = listens;
        this.edge = edge;
    }

    /// <summary>Whether Kestrel serves this transport (UDP has socket actors).</summary>
    public static bool Serves(SipTransport transport) => transport is SipTransport.Tcp or SipTransport.Tls or SipTransport.Ws or SipTransport.Wss;

    /// <summary>The endpoints Kestrel listens on, with the ports the system chose for a configured 0.</summary>
    public IReadOnlyList<(SipTransport Transport, IPEndPoint EndPoint)> Bound
        => listens.Select(l => (l.Transport, EdgeTransportContext.Normalize(l.Listen.IPEndPoint!))).ToList();

    /// <summary>
    /// Binds <paramref name="listeners"/> (TCP, TLS, WS and WSS ones) and starts accepting; a connection waits for
    /// <see cref="Serve"/> before it is read. Throws when a listener cannot be bound or the certificate does not load.
    /// </summary>
    public static SipKestrel Listen(IReadOnlyList<SipListenerOptions> listeners, SipOptions sip, string dataDirectory, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(sip);
        var logger = loggers.CreateLogger<SipKestrel>();
        var certificate = listeners.Any(l => l.Transport.IsSecure()) ? Certificate(sip.Tls, dataDirectory, logger) : null;
        var listens = new List<(SipTransport, ListenOptions)>();
        var edge = new TaskCompletionSource<EdgeTransportContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlers = new Dictionary<SipTransport, Task<SipConnectionHandler>>
        {
            [SipTransport.Tcp] = edge.Task.ContinueWith(t => new SipConnectionHandler(t.Result, SipTransport.Tcp), TaskScheduler.Default),
            [SipTransport.Tls] = edge.Task.ContinueWith(t => new SipConnectionHandler(t.Result, SipTransport.Tls), TaskScheduler.Default),
        };
        var webSockets = edge.Task.ContinueWith(t => new SipWebSocketMiddleware(t.Result), TaskScheduler.Default);

        // No configuration files and no reloading: the node's own configuration is already read.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.RequestHeadersTimeout = sip.HandshakeTimeout;
            kestrel.Limits.KeepAliveTimeout = sip.HandshakeTimeout;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestBodySize = 0;
            foreach (var listener in listeners)
            {
                kestrel.Listen(listener.EndPoint!, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    if (listener.Transport.IsSecure())
                    {
                        listen.UseHttps(Https(certificate!, sip.HandshakeTimeout));
                    }

                    if (handlers.TryGetValue(listener.Transport, out var handler))
                    {
                        listen.Run(async connection => await (await handler.ConfigureAwait(false)).OnConnectedAsync(connection).ConfigureAwait(false));
                    }

                    listens.Add((listener.Transport, listen));
                });
            }
        });

        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Run(async http => await (await webSockets.ConfigureAwait(false)).InvokeAsync(http).ConfigureAwait(false));
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

        return new SipKestrel(app, certificate, listens, edge);
    }

    /// <summary>Hands the connections to the edge: from here they are read, and each listener counts as one accept loop.</summary>
    public void Serve(EdgeTransportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        loops = context.Loops;
        foreach (var (transport, endPoint) in Bound)
        {
            loops.Bound(transport, endPoint);
        }

        edge.TrySetResult(context);
    }

    /// <summary>Stops accepting; the connections are closed by the edge's drain (or end with the process).</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        foreach (var (transport, endPoint) in Bound)
        {
            loops?.Unbound(transport, endPoint);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Kestrel's TLS for one listener: TLS 1.2 and 1.3 only (RFC 3261 section 26.3.1 asks for TLS; RFC 8996 and RFC 7525
    /// retire everything before 1.2), the current certificate and its chain for each handshake, no client certificate.
    /// </summary>
    internal static TlsHandshakeCallbackOptions Https(ServerCertificate certificate, TimeSpan handshakeTimeout) => new()
    {
        HandshakeTimeout = handshakeTimeout,
        OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = certificate.Context,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateRequired = false,
        }),
    };

    /// <summary>The configured certificate; without one, the development certificate in the data directory, made when missing.</summary>
    internal static ServerCertificate Certificate(SipTlsOptions tls, string dataDirectory, ILogger logger)
    {
        if (tls.IsConfigured)
        {
            return ServerCertificate.Watch(tls, logger);
        }

        var folder = Path.Combine(dataDirectory, DevelopmentCertificate.Folder);
        if (!DevelopmentCertificate.Exists(folder))
        {
            DevelopmentCertificate.Create(folder, TimeProvider.System);
        }

        LogDevelopmentCertificate(logger, folder);
        return ServerCertificate.Watch(
            new SipTlsOptions
            {
                CertificateFile = Path.Combine(folder, DevelopmentCertificate.CertificateFile),
                KeyFile = Path.Combine(folder, DevelopmentCertificate.KeyFile),
            },
            logger);
    }

    public void Dispose()
    {
        edge.TrySetCanceled(); // an edge that never started: waiting connections end
        ((IDisposable)app).Dispose();
        certificate?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No TLS certificate configured (Sip:Tls:CertificateFile): TLS and WSS use the self-signed development certificate in {Folder}, which no client trusts unless told to. Configure a real certificate before serving anyone (docs/operations.md, \"Certificates\")")]
    private static partial void LogDevelopmentCertificate(ILogger logger, string folder);
}
