using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// The I/O of one SIP-over-TCP connection (RFC 3261 section 18.3): a receive loop framing messages out
/// of the byte stream with System.IO.Pipelines and <see cref="SipParser.TryReadFrame"/>, and serialized
/// writes. Its <see cref="TcpConnectionActor"/> owns its lifetime. Keep-alive pings are answered
/// (RFC 5626 section 3.5.1); a connection idle for longer than the idle timeout is closed; a stream whose
/// framing is lost is answered when possible and closed.
/// </summary>
public sealed partial class TcpConnection : ISipConnection, IAsyncDisposable
{
    private static readonly byte[] Pong = "\r\n"u8.ToArray();

    private readonly Socket socket;
    private readonly NetworkStream stream;
    private readonly SipParser parser;
    private readonly ISipInbound inbound;
    private readonly TimeSpan idleTimeout;
    private readonly ILogger logger;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private long lastActivity;

    public TcpConnection(long id, Socket socket, SipFlow flow, SipParser parser, ISipInbound inbound, TimeSpan idleTimeout, ILogger logger)
    {
        Id = id;
        this.socket = socket;
        Flow = flow;
        this.parser = parser;
        this.inbound = inbound;
        this.idleTimeout = idleTimeout;
        this.logger = logger;
        stream = new NetworkStream(socket, ownsSocket: true);
        Touch();
    }

    public long Id { get; }

    public SipFlow Flow { get; }

    /// <summary>Reads until the peer closes, the idle timeout passes, framing is lost or <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var idleCheck = new Timer(_ => CloseIfIdle(idle), null, idleTimeout / 4, idleTimeout / 4);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(idle.Token).ConfigureAwait(false);
                Touch();
                var buffer = result.Buffer;
                if (!await ReadFramesAsync(reader, buffer, idle.Token).ConfigureAwait(false) || result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            if (!ct.IsCancellationRequested)
            {
                LogIdleClosed(logger, Flow);
            }
        }
        catch (IOException e)
        {
            LogReadFailed(logger, Flow, e.Message);
        }
        catch (ObjectDisposedException)
        {
            // Closed by its actor.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // This connection ends; the listener and every other connection go on.
            EdgeMetrics.ReceiveFailed(SipTransport.Tcp, "connection");
            LogConnectionFailed(logger, Flow, e);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Frames every whole message in <paramref name="buffer"/>; false when the connection must close.</summary>
    private async ValueTask<bool> ReadFramesAsync(PipeReader reader, ReadOnlySequence<byte> buffer, CancellationToken ct)
    {
        var sequenceReader = new SequenceReader<byte>(buffer);
        var keepAlives = 0;
        SipParseException? error = null;
        var messages = new List<SipMessage>();
        try
        {
            while (true)
            {
                var frame = parser.TryReadFrame(ref sequenceReader, out var message);
                if (frame == SipFrame.Message)
                {
                    messages.Add(message!);
                }
                else if (frame == SipFrame.KeepAlivePing)
                {
                    keepAlives++;
                }
                else
                {
                    break;
                }
            }
        }
        catch (SipParseException e)
        {
            error = e;
        }

        var unread = sequenceReader.UnreadSequence;
        byte[]? refused = error is null ? null : unread.Slice(0, Math.Min(unread.Length, parser.Limits.MaxMessageSize)).ToArray();
        reader.AdvanceTo(sequenceReader.Position, buffer.End);

        foreach (var message in messages)
        {
            Receive(message);
        }

        for (var i = 0; i < keepAlives; i++)
        {
            await WriteAsync(Pong, ct).ConfigureAwait(false);
        }

        if (error is not null)
        {
            // Framing is lost: answer what can be answered, then close (the rule for TCP).
            var response = MalformedRequest.TryCreateResponse(refused, error);
            if (response is not null)
            {
                await WriteAsync(SipMessageWriter.ToBytes(response), ct).ConfigureAwait(false);
            }

            inbound.Refused(error, Flow, response is not null);
            return false;
        }

        return true;
    }

    /// <summary>One framed message; whatever handing it on throws stays with it, and the stream, still framed, reads on.</summary>
    private void Receive(SipMessage message)
    {
        try
        {
            inbound.Receive(message, Flow);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            EdgeMetrics.ReceiveFailed(SipTransport.Tcp, "frame");
            LogFrameFailed(logger, Flow, e);
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default)
    {
        await writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(message, ct).ConfigureAwait(false);
            Touch();
        }
        finally
        {
            writeLock.Release();
        }
    }

    private void Touch() => Interlocked.Exchange(ref lastActivity, Environment.TickCount64);

    private void CloseIfIdle(CancellationTokenSource idle)
    {
        if (Environment.TickCount64 - Interlocked.Read(ref lastActivity) > (long)idleTimeout.TotalMilliseconds)
        {
            try
            {
                idle.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already finished.
            }
        }
    }

    public async ValueTask DisposeAsync()
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
        writeLock.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a message from {Flow} failed; dropped, the connection reads on")]
    private static partial void LogFrameFailed(ILogger logger, SipFlow flow, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "TCP connection {Flow} failed; closed")]
    private static partial void LogConnectionFailed(ILogger logger, SipFlow flow, Exception error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "TCP connection {Flow} closed after being idle")]
    private static partial void LogIdleClosed(ILogger logger, SipFlow flow);

    [LoggerMessage(Level = LogLevel.Debug, Message = "TCP connection {Flow} read failed: {Error}")]
    private static partial void LogReadFailed(ILogger logger, SipFlow flow, string error);
}
