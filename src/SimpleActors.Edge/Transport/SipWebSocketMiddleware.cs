using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// The HTTP side of SIP over WebSocket (RFC 7118) on the node's ws and wss listeners: an upgrade that asks for the
/// <c>sip</c> subprotocol (section 4.1) becomes a <see cref="SipWebSocketConnection"/> in the node's
/// <see cref="ConnectionRegistry"/>, transport WS, or WSS over TLS (section 5), so responses and requests to the
/// client go back over it; any other request is refused (426 without an upgrade, 400 without <c>sip</c>). The time a
/// client may take to send the upgrade is Kestrel's request-headers timeout.
/// </summary>
public sealed partial class SipWebSocketMiddleware
{
    /// <summary>The WebSocket subprotocol of SIP (RFC 7118 section 4.1).</summary>
    public const string SubProtocol = "sip";

    private readonly EdgeTransportContext context;
    private readonly ILogger logger;

    public SipWebSocketMiddleware(EdgeTransportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        logger = context.Loggers.CreateLogger<SipWebSocketMiddleware>();
    }

    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            http.Response.Headers.Upgrade = "websocket";
            return;
        }

        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol, StringComparer.OrdinalIgnoreCase))
        {
            // RFC 7118 section 4.1: a client must ask for "sip"; without it this is not a SIP connection.
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var connection = http.Connection;
        if (connection.LocalIpAddress is null || connection.RemoteIpAddress is null)
        {
            http.Abort();
            return;
        }

        var socket = await http.WebSockets.AcceptWebSocketAsync(SubProtocol).ConfigureAwait(false);
        var flow = new SipFlow(
            context.Registry.Node,
            http.Request.IsHttps ? SipTransport.Wss : SipTransport.Ws,
            EdgeTransportContext.Normalize(new IPEndPoint(connection.LocalIpAddress, connection.LocalPort)),
            EdgeTransportContext.Normalize(new IPEndPoint(connection.RemoteIpAddress, connection.RemotePort)),
            context.Registry.NextConnectionId());
        var sip = new SipWebSocketConnection(flow, socket, context.Parser, context.Inbound, context.TcpIdleTimeout, context.Loggers.CreateLogger<SipWebSocketConnection>());
        context.Registry.Add(sip);
        try
        {
            await sip.RunAsync(http.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            context.Registry.Remove(sip);
            await sip.DisposeAsync().ConfigureAwait(false);
            LogClosed(logger, flow);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "SIP WebSocket {Flow} closed")]
    private static partial void LogClosed(ILogger logger, SipFlow flow);
}
