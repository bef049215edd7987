using System.Net;
using System.Net.Sockets;
using SimpleActors.Edge.Transport;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Tests.Transport;

/// <summary>
/// A real UDP socket on 127.0.0.1 for an edge built in the test process: datagrams go through
/// <see cref="DatagramReceiver"/> to the edge as the node's socket actor hands them, responses and requests go out as bytes.
/// For tests that drive an in-process edge with a real client (SIPp) where a node process could not load a test usage.
/// </summary>
internal sealed class UdpSipSocket : ITransportSender, IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource stop = new();

    public UdpSipSocket() => socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public IPEndPoint Local => (IPEndPoint)socket.LocalEndPoint!;

    /// <summary>Starts handing what arrives to <paramref name="inbound"/>.</summary>
    public void Start(ISipInbound inbound) => _ = ReceiveAsync(inbound);

    public ValueTask SendAsync(SipMessage message, SipDestination destination, CancellationToken ct = default)
        => SendBytesAsync(SipMessageWriter.ToBytes(message), destination, ct);

    public async ValueTask SendBytesAsync(byte[] bytes, SipDestination destination, CancellationToken ct = default)
        => await socket.SendToAsync(bytes, SocketFlags.None, destination.EndPoint, ct).ConfigureAwait(false);

    public void Dispose()
    {
        stop.Cancel();
        socket.Dispose();
        stop.Dispose();
    }

    private async Task ReceiveAsync(ISipInbound inbound)
    {
        var parser = new SipParser();
        var buffer = new byte[65_535];
        while (!stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var flow = new SipFlow("test", SipTransport.Udp, Local, (IPEndPoint)received.RemoteEndPoint, 0);
            DatagramReceiver.Receive(buffer.AsSpan(0, received.ReceivedBytes), flow, parser, inbound, answer => socket.SendTo(answer, flow.Remote));
        }
    }
}
