using System.Net;
using System.Net.Sockets;
using Akka.Actor;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// Opens outgoing TCP connections when no connection to the target exists (RFC 3261 section 18.1.1) and
/// starts a <see cref="TcpConnectionActor"/> for each, so it is reused and read like an accepted one.
/// </summary>
public sealed class TcpConnectorActor : ReceiveActor
{
    private readonly EdgeTransportContext context;

    public TcpConnectorActor(EdgeTransportContext context)
    {
        this.context = context;
        ReceiveAsync<Connect>(ConnectAsync);
    }

    public static Props Props(EdgeTransportContext context) => Akka.Actor.Props.Create(() => new TcpConnectorActor(context));

    private async Task ConnectAsync(Connect connect)
    {
        // Another request may have opened one meanwhile.
        if (context.Registry.TryGetByRemote(Sip.Transport.SipTransport.Tcp, connect.Remote, out var existing))
        {
            Sender.Tell(existing);
            return;
        }

        var socket = new Socket(connect.Remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            // No ConfigureAwait(false): the rest must run in the actor's context (Sender, Context).
            await socket.ConnectAsync(connect.Remote, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            Sender.Tell(new Status.Failure(new IOException($"TCP connect to {connect.Remote} failed: {e.Message}", e)));
            return;
        }

        var connection = context.NewTcpConnection(socket);
        Context.ActorOf(TcpConnectionActor.Props(connection, context.Registry));
        context.Registry.Add(connection);
        Sender.Tell(connection);
    }

    /// <summary>Asks for a connection to <paramref name="Remote"/>; the reply is an <see cref="ISipConnection"/> or a failure.</summary>
    public sealed record Connect(IPEndPoint Remote);
}
