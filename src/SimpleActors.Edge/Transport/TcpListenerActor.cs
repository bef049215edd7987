using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// The acceptor of one TCP listener: accepts connections and starts a <see cref="TcpConnectionActor"/> for each. A failed
/// accept or a connection that cannot be started is logged and counted and the loop goes on; an accept loop that ends
/// anyway while the listener is open is started again, logged and counted (<c>simpleactors.sip.receive_loop.restarts</c>).
/// </summary>
public sealed partial class TcpListenerActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromMilliseconds(50);

    private readonly Socket listener;
    private readonly EdgeTransportContext context;
    private readonly IPEndPoint local;
    private readonly ILogger logger;
    private volatile bool stopping;
    private int restarts;

    public TcpListenerActor(Socket listener, EdgeTransportContext context)
    {
        this.listener = listener;
        this.context = context;
        local = EdgeTransportContext.Normalize((IPEndPoint)listener.LocalEndPoint!);
        logger = context.Loggers.CreateLogger<TcpListenerActor>();
        Receive<Accepted>(accepted => Start(accepted.Socket));
        Receive<ReceiveLoopEnded>(OnLoopEnded);
        Receive<StartLoop>(_ => StartAcceptLoop());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Socket listener, EdgeTransportContext context)
        => Akka.Actor.Props.Create(() => new TcpListenerActor(listener, context));

    protected override void PreStart() => StartAcceptLoop();

    protected override void PostStop()
    {
        stopping = true;
        listener.Dispose();
    }

    /// <summary>One connection: whatever starting it throws (the peer may already be gone) stays with it.</summary>
    private void Start(Socket socket)
    {
        try
        {
            Context.ActorOf(TcpConnectionActor.Props(context.NewTcpConnection(socket), context.Registry));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            EdgeMetrics.ReceiveFailed(SipTransport.Tcp, "accept");
            LogConnectionNotStarted(local, e);
            socket.Dispose();
        }
    }

    private void StartAcceptLoop()
    {
        var self = Self;
        context.Loops.Run(SipTransport.Tcp, local, () => AcceptLoopAsync(self), self);
    }

    private void OnLoopEnded(ReceiveLoopEnded ended)
    {
        if (ReceiveLoops.Restarts(ended, stopping, SipTransport.Tcp, local, logger))
        {
            Timers.StartSingleTimer(++restarts, StartLoop.Instance, RestartDelay);
        }
    }

    private async Task AcceptLoopAsync(IActorRef self)
    {
        while (true)
        {
            try
            {
                var socket = await listener.AcceptAsync().ConfigureAwait(false);
                self.Tell(new Accepted(socket));
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                return;
            }
            catch (SocketException e)
            {
                // A failed accept (e.g. the peer reset during the handshake) must not stop the listener.
                LogAcceptFailed(local, e.SocketErrorCode);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "TCP accept on {Listener} failed: {Error}")]
    private partial void LogAcceptFailed(IPEndPoint listener, SocketError error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A connection accepted on {Listener} could not be started; closed")]
    private partial void LogConnectionNotStarted(IPEndPoint listener, Exception error);

    private sealed record Accepted(Socket Socket);

    private sealed class StartLoop
    {
        public static readonly StartLoop Instance = new();
    }
}
