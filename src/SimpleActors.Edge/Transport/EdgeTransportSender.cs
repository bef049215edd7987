using Akka.Actor;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// Sends SIP messages from this node (RFC 3261 section 18.1.1 / 18.2.2): over the destination's flow when
/// this node owns it (the same UDP socket, the same TCP connection), else over an existing connection to
/// the target (connection reuse), else over a new connection. A flow owned by another node is handed to
/// that node (<see cref="EdgeRelay"/>); if it is gone or its connection closed, the message goes to the target
/// address from this node, as the design allows.
/// </summary>
public sealed class EdgeTransportSender : ITransportSender
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(6);

    private readonly ConnectionRegistry registry;
    private readonly Func<IActorRef> connector;
    private readonly EdgeRelay? relay;

    /// <param name="registry">This node's sockets.</param>
    /// <param name="connector">The <see cref="TcpConnectorActor"/> (resolved late: it is started after this sender exists).</param>
    public EdgeTransportSender(ConnectionRegistry registry, Func<IActorRef> connector, EdgeRelay? relay = null)
    {
        this.registry = registry;
        this.connector = connector;
        this.relay = relay;
    }

    public ValueTask SendAsync(SipMessage message, SipDestination destination, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendBytesAsync(SipMessageWriter.ToBytes(message), destination, ct);
    }

    /// <summary>Sends an already serialized message (a relayed one, or one written once for several sends).</summary>
    public ValueTask SendBytesAsync(byte[] bytes, SipDestination destination, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return SendBytesAsync(bytes.AsMemory(), destination, ct);
    }

    /// <summary>Sends serialized bytes; they are not used once the returned task completes (a relay gets a copy).</summary>
    public async ValueTask SendBytesAsync(ReadOnlyMemory<byte> bytes, SipDestination destination, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Flow is { } foreign && foreign.Node != registry.Node)
        {
            if (relay is not null && await relay.TrySendThroughOwnerAsync(bytes.ToArray(), destination, ct).ConfigureAwait(false))
            {
                return;
            }

            destination = destination with { Flow = null }; // the owner is gone: from here, to the address
        }

        var ownFlow = destination.Flow;

        switch (destination.Transport)
        {
            case SipTransport.Udp:
                var socket = registry.UdpSocketFor(ownFlow?.Local, destination.EndPoint.AddressFamily)
                             ?? throw new IOException($"No UDP socket for {destination.EndPoint.AddressFamily}");
                await socket.SendToAsync(bytes, System.Net.Sockets.SocketFlags.None, destination.EndPoint, ct).ConfigureAwait(false);
                return;

            case SipTransport.Tcp:
                var connection = await ConnectionFor(ownFlow, destination, ct).ConfigureAwait(false);
                await connection.WriteAsync(bytes, ct).ConfigureAwait(false);
                return;

            case SipTransport.Tls or SipTransport.Ws or SipTransport.Wss:
                // Over TLS and WebSocket this edge only answers over connections clients opened (RFC 7118 section 5:
                // a WebSocket client cannot be connected to; outgoing TLS connections are not made yet).
                var open = OpenConnection(ownFlow, destination)
                           ?? throw new IOException($"No open {destination.Transport.ViaName()} connection to {destination.EndPoint}");
                await open.WriteAsync(bytes, ct).ConfigureAwait(false);
                return;

            default:
                throw new NotSupportedException($"Transport {destination.Transport} is not served by this edge");
        }
    }

    /// <summary>The flow's own connection when this node still has it, else an open one to the target (connection reuse).</summary>
    private ISipConnection? OpenConnection(SipFlow? ownFlow, SipDestination destination)
    {
        if (ownFlow is not null && registry.TryGet(ownFlow.ConnectionId, out var same))
        {
            return same;
        }

        return registry.TryGetByRemote(destination.Transport, destination.EndPoint, out var reused) ? reused : null;
    }

    private async ValueTask<ISipConnection> ConnectionFor(SipFlow? ownFlow, SipDestination destination, CancellationToken ct)
    {
        if (OpenConnection(ownFlow, destination) is { } open)
        {
            return open;
        }

        try
        {
            return await connector().Ask<ISipConnection>(new TcpConnectorActor.Connect(destination.EndPoint), ConnectTimeout, ct).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new IOException($"TCP connect to {destination.EndPoint} timed out", e);
        }
    }
}
