using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// The SIP protocol over one byte stream (RFC 3261 section 18.3), whatever carries the bytes: a TCP socket of our own
/// (<see cref="TcpConnection"/>), or a Kestrel connection, in clear or inside TLS (RFC 3261 section 26,
/// <see cref="SipConnectionHandler"/>). It reads the pipe it is given, frames messages with
/// <see cref="SipParser.TryReadFrame"/> and hands them to the inbound; keep-alive pings are answered (RFC 5626
/// section 3.5.1); a connection idle for longer than the idle timeout is closed; a stream whose framing is lost is
/// answered when possible and closed. Writes are serialized.
/// </summary>
public sealed partial class SipStreamConnection : ISipConnection
{
    private static readonly byte[] Pong = "\r\n"u8.ToArray();

    private readonly IDuplexPipe pipe;
    private readonly SipParser parser;
    private readonly ISipInbound inbound;
    private readonly TimeSpan idleTimeout;
    private readonly ILogger logger;
    private readonly Func<ValueTask> close;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private long lastActivity;
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
        this.idleTimeout = idleTimeout;
        this.logger = logger;
        this.close = close;
        Touch();
    }

    public long Id => Flow.ConnectionId;

    public SipFlow Flow { get; }

    /// <summary>Reads until the peer closes, the idle timeout passes, framing is lost or <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var reader = pipe.Input;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var idleCheck = new Timer(_ => CloseIfIdle(idle), null, idleTimeout / 4, idleTimeout / 4);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(idle.Token).ConfigureAwait(false);
                Touch();
                var buffer = result.Buffer;
                if (!await ReadFramesAsync(reader, buffer, idle.Token).ConfigureAwait(false) || result.IsCompleted || result.IsCanceled)
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
            // Closed by its owner.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // This connection ends; the listener and every other connection go on.
            EdgeMetrics.ReceiveFailed(Flow.Transport, "connection");
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
            EdgeMetrics.ReceiveFailed(Flow.Transport, "frame");
            LogFrameFailed(logger, Flow, e);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a message from {Flow} failed; dropped, the connection reads on")]
    private static partial void LogFrameFailed(ILogger logger, SipFlow flow, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connection {Flow} failed; closed")]
    private static partial void LogConnectionFailed(ILogger logger, SipFlow flow, Exception error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {Flow} closed after being idle")]
    private static partial void LogIdleClosed(ILogger logger, SipFlow flow);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {Flow} read failed: {Error}")]
    private static partial void LogReadFailed(ILogger logger, SipFlow flow, string error);
}
