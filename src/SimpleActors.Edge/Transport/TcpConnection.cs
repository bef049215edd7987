using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// One SIP-over-TCP connection on a socket of our own (RFC 3261 section 18.3), opened by the <see cref="TcpConnectorActor"/>
/// (accepted connections are Kestrel's, <see cref="SipConnectionHandler"/>). The socket is given to the shared protocol handler,
/// <see cref="SipStreamConnection"/>, as a pipe; its <see cref="TcpConnectionActor"/> owns its lifetime.
/// </summary>
public sealed class TcpConnection : ISipConnection
{
    private readonly Socket socket;
    private readonly NetworkStream stream;
    private readonly SipStreamConnection protocol;

    public TcpConnection(Socket socket, SipFlow flow, SipParser parser, ISipInbound inbound, TimeSpan idleTimeout, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(flow);
        this.socket = socket;
        stream = new NetworkStream(socket, ownsSocket: true);
        var pipe = new StreamDuplexPipe(
            PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true)),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)));
        protocol = new SipStreamConnection(flow, pipe, parser, inbound, idleTimeout, logger, CloseSocketAsync);
    }

    public long Id => protocol.Id;

    public SipFlow Flow => protocol.Flow;

    /// <summary>Reads until the peer closes, the idle timeout passes, framing is lost or <paramref name="ct"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken ct) => protocol.RunAsync(ct);

    public ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default) => protocol.WriteAsync(message, ct);

    public ValueTask DisposeAsync() => protocol.DisposeAsync();

    /// <summary>Both directions shut down, then the socket closed; the receive loop ends.</summary>
    private async ValueTask CloseSocketAsync()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // The peer is already gone.
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }

        await stream.DisposeAsync().ConfigureAwait(false);
    }

    private sealed record StreamDuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
