using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// The SIP protocol over one byte stream (RFC 3261 section 18.3), whatever carries the bytes: a Kestrel connection, in
/// clear or inside TLS (RFC 3261 section 26, <see cref="SipConnectionHandler"/>), or an outgoing TCP socket of our own
/// (<see cref="TcpConnection"/>). It reads the pipe it is given, frames messages with
/// <see cref="SipParser.TryReadFrame"/> and hands them to the inbound; keep-alive pings are answered (RFC 5626
/// section 3.5.1); a connection idle for longer than the idle timeout is closed; a stream whose framing is lost is
/// answered when possible and closed. Writes are serialized.
/// </summary>
public sealed class SipStreamConnection : ISipConnection
{
    private static readonly byte[] Pong = "\r\n"u8.ToArray();

    private readonly IDuplexPipe pipe;
    private readonly SipParser parser;
    private readonly ISipInbound inbound;
    private readonly IdleTimeout idle;
    private readonly ILogger logger;
    private readonly Func<ValueTask> close;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private int closed;

    /// <param name="flow">The flow the connection is (its id is the connection's).</param>
    /// <param name="pipe">The connection's bytes: what the peer sent, and where our messages go.</param>
    /// <param name="parser">The node's parser and its limits.</param>
    /// <param name="inbound">Where messages go.</param>
    /// <param name="idleTimeout">A connection with no traffic for this long is closed.</param>
    /// <param name="logger">For failures.</param>
    /// <param name="close">Closes the carrier (the socket, or the Kestrel connection); called once.</param>
    public SipStreamConnection(SipFlow flow, IDuplexPipe pipe, SipParser parser, ISipInbound inbound, TimeSpan idleTimeout, ILogger logger, Func<ValueTask> close)
    {
        ArgumentNullException.ThrowIfNull(flow);
        Flow = flow;
        this.pipe = pipe;
        this.parser = parser;
        this.inbound = inbound;
        idle = new IdleTimeout(idleTimeout);
        this.logger = logger;
        this.close = close;
    }

    public long Id => Flow.ConnectionId;

    public SipFlow Flow { get; }

    /// <summary>Reads until the peer closes, the idle timeout passes, framing is lost or <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var reader = pipe.Input;
        var token = idle.Watch(ct);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(token).ConfigureAwait(false);
                idle.Touch();
                var buffer = result.Buffer;
                if (!await ReadFramesAsync(reader, buffer, token).ConfigureAwait(false) || result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (ConnectionLog.Ended(e, Flow, ct.IsCancellationRequested, logger))
        {
            // Logged (and a failure counted): this connection ends, the listener and every other connection go on.
        }
        finally
        {
            idle.Dispose();
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
            ConnectionLog.MessageFailed(e, Flow, logger);
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default)
    {
        await writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref closed) != 0)
            {
                throw new IOException($"Connection {Flow} is closed");
            }

            var flushed = await pipe.Output.WriteAsync(message, ct).ConfigureAwait(false);
            if (flushed.IsCompleted)
            {
                throw new IOException($"Connection {Flow} is closed");
            }

            idle.Touch();
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>
    /// After the receive loop ended: no more writes, and what was written goes out before the carrier closes the
    /// connection (a Kestrel connection closes once its handler returns and its output is complete).
    /// </summary>
    public async ValueTask FinishWritingAsync()
    {
        await writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            Volatile.Write(ref closed, 1);
            await pipe.Output.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>Closes the carrier; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref closed, 1) != 0)
        {
            return;
        }

        await close().ConfigureAwait(false);
    }
}
