using System.Buffers;
using System.Net.WebSockets;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// SIP over one WebSocket (RFC 7118): every WebSocket message carries exactly one SIP message (section 4.2), so a
/// received message is parsed whole, as a datagram is (<see cref="DatagramReceiver"/>: a refusal is answered when
/// it can be and the connection reads on, framing being the WebSocket's). Our messages go out as one text message
/// each (binary when they are not UTF-8). A message over the parser's size limit closes the connection with 1009;
/// a connection idle for longer than the idle timeout is closed.
/// </summary>
public sealed class SipWebSocketConnection : ISipConnection
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly WebSocket socket;
    private readonly SipParser parser;
    private readonly ISipInbound inbound;
    private readonly IdleTimeout idle;
    private readonly ILogger logger;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private int closed;

    public SipWebSocketConnection(SipFlow flow, WebSocket socket, SipParser parser, ISipInbound inbound, TimeSpan idleTimeout, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(parser);
        Flow = flow;
        this.socket = socket;
        this.parser = parser;
        this.inbound = inbound;
        idle = new IdleTimeout(idleTimeout);
        this.logger = logger;
    }

    public long Id => Flow.ConnectionId;

    public SipFlow Flow { get; }

    /// <summary>Reads messages until the peer closes, the idle timeout passes, a message is too big or <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(parser.Limits.MaxMessageSize + 1);
        var token = idle.Watch(ct);
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length > parser.Limits.MaxMessageSize)
                    {
                        // RFC 6455 section 7.4.1: 1009, a message too big to process.
                        await CloseAsync(WebSocketCloseStatus.MessageTooBig, "SIP message too large").ConfigureAwait(false);
                        return;
                    }

                    result = await socket.ReceiveAsync(buffer.AsMemory(length, parser.Limits.MaxMessageSize + 1 - length), token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await CloseAsync(WebSocketCloseStatus.NormalClosure, null).ConfigureAwait(false);
                        return;
                    }

                    length += result.Count;
                }
                while (!result.EndOfMessage);

                idle.Touch();
                Receive(buffer.AsSpan(0, length));
            }
        }
        catch (Exception e) when (ConnectionLog.Ended(e, Flow, ct.IsCancellationRequested, logger))
        {
            // Logged (and a failure counted): this connection ends, the listener and every other connection go on.
        }
        finally
        {
            idle.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One WebSocket message, one SIP message; whatever handing it on throws stays with it.</summary>
    private void Receive(ReadOnlySpan<byte> message)
    {
        try
        {
            DatagramReceiver.Receive(message, Flow, parser, inbound, answer => _ = AnswerAsync(answer));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ConnectionLog.MessageFailed(e, Flow, logger);
        }
    }

    private async Task AnswerAsync(byte[] answer)
    {
        try
        {
            await WriteAsync(answer).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or WebSocketException or OperationCanceledException)
        {
            ConnectionLog.Ended(e, Flow, stopped: true, logger); // the answer is lost with the connection
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default)
    {
        await writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref closed) != 0 || socket.State != WebSocketState.Open)
            {
                throw new IOException($"WebSocket {Flow} is closed");
            }

            // RFC 7118 section 4.2: text frames for UTF-8 messages, binary otherwise.
            var type = Utf8.IsValid(message.Span) ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
            await socket.SendAsync(message, type, endOfMessage: true, ct).ConfigureAwait(false);
            idle.Touch();
        }
        catch (WebSocketException e)
        {
            throw new IOException($"WebSocket {Flow}: {e.Message}", e);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string? reason)
    {
        await writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            Volatile.Write(ref closed, 1);
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(CloseTimeout);
                await socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            socket.Abort();
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>Closes the WebSocket (a close frame, then the connection); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref closed) != 0)
        {
            return;
        }

        await CloseAsync(WebSocketCloseStatus.NormalClosure, null).ConfigureAwait(false);
        socket.Abort();
    }
}
