using Akka;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge;
using SimpleActors.Edge.Transactions;
using SimpleActors.Edge.Transport;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// The SIP edge's part in a graceful stop (SIGTERM, Ctrl+C, <c>simpleactors cluster leave</c>), as tasks of Akka's
/// CoordinatedShutdown, all before the node's shards hand off:
/// <list type="number">
/// <item><c>service-unbind</c>: the edge drains: new requests are answered 503 with Retry-After (RFC 3261 section 21.5.4),
/// responses, retransmissions and ACKs are still taken.</item>
/// <item><c>service-requests-done</c>: waits until every request already begun has its final response, at most
/// <c>Sip:DrainTimeout</c>.</item>
/// <item><c>service-stop</c>: stops accepting TLS and WebSocket connections, and closes every connection cleanly.</item>
/// </list>
/// The UDP sockets stay open until the actor system ends: NOTIFYs of entities still handing off go out and their
/// responses come back.
/// </summary>
internal static partial class EdgeDrain
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>The extra time the <c>service-requests-done</c> phase is given beyond the drain itself.</summary>
    public static readonly TimeSpan PhaseMargin = TimeSpan.FromSeconds(5);

    public static void Register(ActorSystem system, SipEdge edge, TransactionLayer transactions, ConnectionRegistry connections, TimeSpan timeout, ILogger logger,
        Func<Task>? stopAccepting = null)
    {
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "sip-edge-drain", () =>
        {
            edge.BeginDrain();
            LogDraining(logger, transactions.UnansweredServerCount);
            return Task.FromResult(Done.Instance);
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "sip-edge-requests-done", async () =>
        {
            var started = TimeProvider.System.GetTimestamp();
            int left;
            while ((left = transactions.UnansweredServerCount) > 0 && TimeProvider.System.GetElapsedTime(started) < timeout)
            {
                await Task.Delay(Poll).ConfigureAwait(false);
            }

            var took = TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
            LogDrained(logger, took, left);
            return Done.Instance;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "sip-edge-close-connections", async () =>
        {
            var count = connections.ConnectionCount;
            await connections.CloseAllAsync().ConfigureAwait(false);
            if (stopAccepting is not null)
            {
                await stopAccepting().ConfigureAwait(false);
            }

            LogClosed(logger, count);
            return Done.Instance;
        });
    }

    /// <summary>The HOCON giving <c>service-requests-done</c> room for the drain (Akka's default phase timeout is 5 s).</summary>
    public static string PhaseTimeoutHocon(TimeSpan drainTimeout)
        => FormattableString.Invariant($"akka.coordinated-shutdown.phases.service-requests-done.timeout = {(int)(drainTimeout + PhaseMargin).TotalMilliseconds}ms");

    [LoggerMessage(Level = LogLevel.Information, Message = "SIP edge draining: new requests get 503 Retry-After; {Unanswered} begun requests to finish")]
    private static partial void LogDraining(ILogger logger, int unanswered);

    [LoggerMessage(Level = LogLevel.Information, Message = "SIP edge drained in {Milliseconds:F0} ms; {Left} requests left unanswered")]
    private static partial void LogDrained(ILogger logger, double milliseconds, int left);

    [LoggerMessage(Level = LogLevel.Information, Message = "SIP edge closed {Count} connections")]
    private static partial void LogClosed(ILogger logger, int count);
}
