using System.Net;
using SimpleActors.Edge;
using SimpleActors.Edge.Transactions;
using SimpleActors.Edge.Transport;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// What the running SIP edge of this node is: its bound sockets, counters and live connections. Filled in
/// when the edge starts (empty on a node without the <c>edge</c> role); read by tests, health and metrics.
/// </summary>
public sealed class SipEdgeRuntime : IDisposable
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IDisposable> owned = [];

    /// <summary>The listening sockets by transport, with their real ports (a configured port 0 is resolved).</summary>
    public IReadOnlyList<(SipTransport Transport, IPEndPoint EndPoint)> Listeners { get; private set; } = [];

    public EdgeCounters Counters { get; } = new();

    public ConnectionRegistry? Connections { get; private set; }

    public TransactionLayer? Transactions { get; private set; }

    /// <summary>The receive loops (UDP) and accept loops (TCP) running on each listener.</summary>
    public ReceiveLoops? Loops { get; private set; }

    /// <summary>How the edge asks the entities, and how many asks are under way (admission control).</summary>
    public EntityAsk? EntityAsk { get; internal set; }

    /// <summary>The XCAP roots served (<c>http://127.0.0.1:8088/xcap-root</c>, and the HTTPS one), with the ports the system chose for 0; empty without XCAP.</summary>
    public IReadOnlyList<Uri> XcapRoots { get; internal set; } = [];

    /// <summary>Completes when the listeners are bound and reading.</summary>
    public Task Started => started.Task;

    /// <summary>The bound endpoint of the first listener of a transport.</summary>
    public IPEndPoint EndPointOf(SipTransport transport) => Listeners.First(l => l.Transport == transport).EndPoint;

    internal void Own(IDisposable disposable) => owned.Add(disposable);

    internal void Start(
        IReadOnlyList<(SipTransport, IPEndPoint)> listeners, ConnectionRegistry connections, TransactionLayer transactions, ReceiveLoops loops)
    {
        Listeners = listeners;
        Loops = loops;
        Connections = connections;
        Transactions = transactions;
        started.TrySetResult();
    }

    internal void Fail(Exception error) => started.TrySetException(error);

    public void Dispose()
    {
        foreach (var disposable in owned)
        {
            disposable.Dispose();
        }

        owned.Clear();
    }
}
