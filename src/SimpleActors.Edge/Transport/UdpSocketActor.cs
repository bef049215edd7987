using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// One actor per UDP socket. It owns the socket's lifetime and runs several concurrent receive loops on
/// it (one per core) that parse each datagram on their own thread and hand it on; the actor's mailbox is
/// not on the message path. Sends go straight to the socket (thread-safe) through the registry.
/// No exception from handling one datagram ends a loop: it is logged, counted and the loop reads on. A loop
/// that ends anyway while the socket is open is started again by this actor, logged and counted
/// (<c>simpleactors.sip.receive_loop.restarts</c>); <see cref="ReceiveLoops"/> tells readiness how many run.
/// </summary>
public sealed partial class UdpSocketActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromMilliseconds(50);

    private readonly Socket socket;
    private readonly EdgeTransportContext context;
    private readonly IPEndPoint local;
    private readonly ILogger logger;
    private volatile bool stopping;
    private int restarts;

    public UdpSocketActor(Socket socket, EdgeTransportContext context)
    {
        this.socket = socket;
        this.context = context;
        local = EdgeTransportContext.Normalize((IPEndPoint)socket.LocalEndPoint!);
        logger = context.Loggers.CreateLogger<UdpSocketActor>();
        Receive<ReceiveLoopEnded>(OnLoopEnded);
        Receive<StartLoop>(_ => StartReceiveLoop());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Socket socket, EdgeTransportContext context) => Akka.Actor.Props.Create(() => new UdpSocketActor(socket, context));

    /// <summary>How many receive loops run on one socket.</summary>
    public static int LoopCount => Math.Max(2, Environment.ProcessorCount);

    protected override void PreStart()
    {
        context.Registry.AddUdpSocket(local, socket);
        for (var i = 0; i < LoopCount; i++)
        {
            StartReceiveLoop();
        }
    }

    protected override void PostStop()
    {
        stopping = true;
        context.Registry.RemoveUdpSocket(local);
        socket.Dispose();
    }

    private void StartReceiveLoop()
    {
        context.Loops.Run(SipTransport.Udp, local, ReceiveLoopAsync, Self);
    }

    private void OnLoopEnded(ReceiveLoopEnded ended)
    {
        if (ReceiveLoops.Restarts(ended, stopping, SipTransport.Udp, local, logger))
        {
            Timers.StartSingleTimer(++restarts, StartLoop.Instance, RestartDelay);
        }
    }

    /// <summary>Reads until the socket closes (a normal end) or something outside the handling of one datagram throws.</summary>
    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(65536);
        var any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (true)
            {
                SocketReceiveFromResult result;
                try
                {
                    result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any).ConfigureAwait(false);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    continue; // ICMP port unreachable from an earlier send, or an oversized datagram.
                }

                var remote = EdgeTransportContext.Normalize((IPEndPoint)result.RemoteEndPoint);
                Handle(buffer.AsSpan(0, result.ReceivedBytes), new SipFlow(context.Registry.Node, SipTransport.Udp, local, remote, 0));
            }
        }
        catch (ObjectDisposedException)
        {
            // The socket closed: the actor stopped.
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
        {
            // Closed while receiving.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One datagram; whatever it throws stays here (issue 15: two datagrams once ended every loop).</summary>
    private void Handle(ReadOnlySpan<byte> datagram, SipFlow flow)
    {
        try
        {
            DatagramReceiver.Receive(datagram, flow, context.Parser, context.Inbound, bytes => SendTo(bytes, flow.Remote));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            EdgeMetrics.ReceiveFailed(SipTransport.Udp, "datagram");
            LogDatagramFailed(flow, datagram.Length, e);
        }
    }

    private void SendTo(byte[] bytes, IPEndPoint remote)
    {
        try
        {
            socket.SendTo(bytes, SocketFlags.None, remote);
        }
        catch (SocketException)
        {
            // Best effort for a reply to garbage.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a datagram from {Flow} ({Length} bytes) failed; dropped, the receive loop goes on")]
    private partial void LogDatagramFailed(SipFlow flow, int length, Exception error);

    private sealed class StartLoop
    {
        public static readonly StartLoop Instance = new();
    }
}
