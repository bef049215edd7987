using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// SIP over a connection Kestrel accepted (RFC 3261 section 18.3 for TCP; section 26 for TLS, where Kestrel's TLS
/// middleware has already done the handshake and hands us the clear pipe). Each connection becomes a <see cref="SipStreamConnection"/>
/// in the node's <see cref="ConnectionRegistry"/>, so responses and later requests go back over it, and leaves the
/// registry when it closes. Whatever one connection does ends with that connection.
/// </summary>
public sealed partial class SipConnectionHandler : ConnectionHandler
{
    private readonly EdgeTransportContext context;
    private readonly SipTransport transport;
    private readonly ILogger logger;

    public SipConnectionHandler(EdgeTransportContext context, SipTransport transport)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        this.transport = transport;
        logger = context.Loggers.CreateLogger<SipConnectionHandler>();
    }

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.LocalEndPoint is not IPEndPoint local || connection.RemoteEndPoint is not IPEndPoint remote)
        {
            connection.Abort();
            return;
        }

        var flow = new SipFlow(
            context.Registry.Node, transport, EdgeTransportContext.Normalize(local), EdgeTransportContext.Normalize(remote), context.Registry.NextConnectionId());
        var sip = new SipStreamConnection(flow, connection.Transport, context.Parser, context.Inbound, context.TcpIdleTimeout, logger, () =>
        {
            connection.Abort(new ConnectionAbortedException("closed by the SIP edge"));
            return ValueTask.CompletedTask;
        });
        context.Registry.Add(sip);
        try
        {
            await sip.RunAsync(connection.ConnectionClosed).ConfigureAwait(false);
        }
        finally
        {
            context.Registry.Remove(sip);
            await sip.FinishWritingAsync().ConfigureAwait(false);
            LogClosed(logger, flow);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "SIP connection {Flow} closed")]
    private static partial void LogClosed(ILogger logger, SipFlow flow);
}
