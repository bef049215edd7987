using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;

namespace SimpleActors.Edge.Transport;

/// <summary>The acceptor of one TCP listener: accepts connections and starts a <see cref="TcpConnectionActor"/> for each.</summary>
public sealed class TcpListenerActor : ReceiveActor
{
    private readonly Socket listener;
    private readonly EdgeTransportContext context;

    public TcpListenerActor(Socket listener, EdgeTransportContext context)
    {
        this.listener = listener;
        this.context = context;
        Receive<Accepted>(accepted =>
            Context.ActorOf(TcpConnectionActor.Props(this.context.NewTcpConnection(accepted.Socket), this.context.Registry)));
    }

    public static Props Props(Socket listener, EdgeTransportContext context)
        => Akka.Actor.Props.Create(() => new TcpListenerActor(listener, context));

    protected override void PreStart()
    {
        var self = Self;
        var log = Context.GetLogger();
        _ = Task.Run(async () =>
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
                    log.Warning("TCP accept on {0} failed: {1}", listener.LocalEndPoint, e.SocketErrorCode);
                }
            }
        });
    }

    protected override void PostStop() => listener.Dispose();

    private sealed record Accepted(Socket Socket);
}
