using Akka.Actor;
using Akka.Event;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// One actor per TCP connection: it registers the connection so replies and requests can reuse it, runs its
/// receive loop, and closes and unregisters it when the loop ends or the actor stops. It holds no protocol
/// state beyond the connection.
/// </summary>
public sealed class TcpConnectionActor : ReceiveActor
{
    private readonly TcpConnection connection;
    private readonly ConnectionRegistry registry;

    public TcpConnectionActor(TcpConnection connection, ConnectionRegistry registry)
    {
        this.connection = connection;
        this.registry = registry;
        Receive<Closed>(_ => Context.Stop(Self));
    }

    public static Props Props(TcpConnection connection, ConnectionRegistry registry)
        => Akka.Actor.Props.Create<TcpConnectionActor>(connection, registry);

    protected override void PreStart()
    {
        registry.Add(connection);
        var self = Self;
        connection.RunAsync(CancellationToken.None).ContinueWith(
            _ => self.Tell(Closed.Instance), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    protected override void PostStop()
    {
        registry.Remove(connection);
        // Closing the socket ends the receive loop.
        connection.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        Context.GetLogger().Debug("TCP connection {0} closed", connection.Flow);
    }

    private sealed class Closed
    {
        public static readonly Closed Instance = new();
    }
}
