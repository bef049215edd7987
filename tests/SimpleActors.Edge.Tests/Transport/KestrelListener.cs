using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Transport;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Tests.Transport;

/// <summary>
/// A Kestrel server on 127.0.0.1 with the edge's transports, as the node hosts them (Node/Hosting/SipKestrel.cs, without
/// TLS): a stream listener whose connections go to <see cref="SipConnectionHandler"/>, and an HTTP listener whose
/// requests go to <see cref="SipWebSocketMiddleware"/>. Counted in the context's <see cref="ReceiveLoops"/> while bound.
/// </summary>
internal sealed class KestrelListener : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly EdgeTransportContext context;
    private readonly SipTransport transport;

    private KestrelListener(WebApplication app, EdgeTransportContext context, SipTransport transport, IPEndPoint endPoint, IPEndPoint web)
    {
        this.app = app;
        this.context = context;
        this.transport = transport;
        EndPoint = endPoint;
        WebSocket = web;
    }

    /// <summary>The stream listener (SIP over <see cref="SipTransport.Tcp"/> or the transport given).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The HTTP listener that takes WebSocket upgrades.</summary>
    public IPEndPoint WebSocket { get; }

    public static KestrelListener Start(EdgeTransportContext context, SipTransport transport)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var listens = new List<ListenOptions>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Run(new SipConnectionHandler(context, transport).OnConnectedAsync);
                listens.Add(listen);
            });
            kestrel.Listen(IPAddress.Loopback, 0, listens.Add);
        });
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(new SipWebSocketMiddleware(context).InvokeAsync);
        app.StartAsync().GetAwaiter().GetResult();
        var listener = new KestrelListener(app, context, transport, listens[0].IPEndPoint!, listens[1].IPEndPoint!);
        context.Loops.Bound(transport, listener.EndPoint);
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        context.Loops.Unbound(transport, EndPoint);
        await app.DisposeAsync();
    }
}
