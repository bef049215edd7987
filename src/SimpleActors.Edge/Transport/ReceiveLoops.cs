using System.Collections.Concurrent;
using System.Net;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// How many receive loops (UDP) and accept loops (TCP, TLS, WebSocket: Kestrel's, one per bound listener) run on each of
/// this node's listeners. A socket actor counts its loops in and out; <c>/health/ready</c> reports a listener with none
/// running as not receiving.
/// </summary>
public sealed partial class ReceiveLoops
{
    private readonly ConcurrentDictionary<(SipTransport Transport, IPEndPoint Listener), int> running = new();

    /// <summary>
    /// Runs <paramref name="loop"/> on the thread pool, counted as running on the listener until it ends; then tells
    /// <paramref name="owner"/> <see cref="ReceiveLoopEnded"/>, with the exception that ended it, if any.
    /// </summary>
    public void Run(SipTransport transport, IPEndPoint listener, Func<Task> loop, IActorRef owner)
    {
        var key = (transport, listener);
        running.AddOrUpdate(key, 1, static (_, count) => count + 1);
        _ = Task.Run(loop).ContinueWith(
            ended =>
            {
                running.AddOrUpdate(key, 0, static (_, count) => Math.Max(0, count - 1));
                owner.Tell(new ReceiveLoopEnded(ended.Exception?.GetBaseException()));
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// What a socket actor does when one of its loops ended: nothing when the socket closed (a normal end, or the actor
    /// stopping); else the loop is logged and counted (<c>simpleactors.sip.receive_loop.restarts</c>) and true says to start
    /// it again.
    /// </summary>
    public static bool Restarts(ReceiveLoopEnded ended, bool stopping, SipTransport transport, IPEndPoint listener, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(ended);
        if (stopping || ended.Error is null)
        {
            return false;
        }

        LogRestarted(logger, transport, listener, ended.Error);
        EdgeMetrics.ReceiveLoopRestarted(transport, listener);
        return true;
    }

    /// <summary>
    /// A listener whose accepting Kestrel runs (TCP, TLS, WebSocket) counts as one accept loop from here until
    /// <see cref="Unbound"/>.
    /// </summary>
    public void Bound(SipTransport transport, IPEndPoint listener)
        => running.AddOrUpdate((transport, listener), 1, static (_, count) => count + 1);

    /// <summary>The listener's Kestrel stopped accepting.</summary>
    public void Unbound(SipTransport transport, IPEndPoint listener)
        => running.AddOrUpdate((transport, listener), 0, static (_, count) => Math.Max(0, count - 1));

    /// <summary>The loops running on the listener; 0 for a listener that never started one.</summary>
    public int Running(SipTransport transport, IPEndPoint listener) =>
        running.TryGetValue((transport, listener), out var count) ? count : 0;

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Transport} receive loop on {Listener} ended; it is started again")]
    private static partial void LogRestarted(ILogger logger, SipTransport transport, IPEndPoint listener, Exception error);
}
