using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// How the receive loop of one connection (TCP, TLS, WebSocket) ends and what a failure inside it costs: logged and
/// counted, and only that connection (or that one message) is lost; the listener and every other connection go on.
/// </summary>
internal static partial class ConnectionLog
{
    /// <summary>
    /// Logs why the receive loop of <paramref name="flow"/> ended with <paramref name="error"/>: idle (its token cancelled
    /// while <paramref name="stopped"/> was not), the peer gone, closed by its owner, or a failure (counted). False only
    /// for what must not be caught (out of memory).
    /// </summary>
    public static bool Ended(Exception error, SipFlow flow, bool stopped, ILogger logger)
    {
        switch (error)
        {
            case OutOfMemoryException:
                return false;
            case OperationCanceledException:
                if (!stopped)
                {
                    LogIdleClosed(logger, flow);
                }

                return true;
            case IOException or WebSocketException:
                LogReadFailed(logger, flow, error.Message);
                return true;
            case ObjectDisposedException:
                return true; // closed by its owner
            default:
                EdgeMetrics.ReceiveFailed(flow.Transport, "connection");
                LogConnectionFailed(logger, flow, error);
                return true;
        }
    }

    /// <summary>Handing one received message on failed: it is dropped, counted and logged; the connection reads on.</summary>
    public static void MessageFailed(Exception error, SipFlow flow, ILogger logger)
    {
        EdgeMetrics.ReceiveFailed(flow.Transport, "frame");
        LogFrameFailed(logger, flow, error);
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
