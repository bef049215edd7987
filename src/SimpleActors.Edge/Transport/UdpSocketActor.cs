using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// One actor per UDP socket. It owns the socket's lifetime and runs several concurrent receive loops on
/// it (one per core) that parse each datagram on their own thread and hand it on; the actor's mailbox is
/// not on the message path. Sends go straight to the socket (thread-safe) through the registry.
/// </summary>
public sealed class UdpSocketActor : ReceiveActor
{
    private readonly Socket socket;
    private readonly EdgeTransportContext context;
    private readonly IPEndPoint local;

    public UdpSocketActor(Socket socket, EdgeTransportContext context)
    {
        this.socket = socket;
        this.context = context;
        local = EdgeTransportContext.Normalize((IPEndPoint)socket.LocalEndPoint!);
    }

    public static Props Props(Socket socket, EdgeTransportContext context) => Akka.Actor.Props.Create(() => new UdpSocketActor(socket, context));

    protected override void PreStart()
    {
        context.Registry.AddUdpSocket(local, socket);
        var log = Context.GetLogger();
        for (var i = 0; i < Math.Max(2, Environment.ProcessorCount); i++)
        {
            _ = Task.Run(() => ReceiveLoopAsync(log));
        }
    }

    protected override void PostStop()
    {
        context.Registry.RemoveUdpSocket(local);
        socket.Dispose();
    }

    private async Task ReceiveLoopAsync(ILoggingAdapter log)
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
        catch (Exception e)
        {
            log.Error(e, "UDP receive loop on {0} failed", local);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Handle(ReadOnlySpan<byte> datagram, SipFlow flow)
    {
        SipMessage? message;
        try
        {
            message = context.Parser.ParseDatagram(datagram);
        }
        catch (SipParseException e)
        {
            // Over UDP: answer if the request can be addressed, else drop and count.
            var response = MalformedRequest.TryCreateResponse(datagram, e);
            if (response is not null)
            {
                SendTo(SipMessageWriter.ToBytes(response), flow.Remote);
            }

            context.Inbound.Refused(e, flow, response is not null);
            return;
        }

        if (message is not null)
        {
            context.Inbound.Receive(message, flow);
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
}
