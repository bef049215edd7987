using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>What every socket actor of a node shares: the parser and its limits, where to hand messages, the registry.</summary>
public sealed class EdgeTransportContext
{
    public EdgeTransportContext(ConnectionRegistry registry, SipParser parser, ISipInbound inbound, TimeSpan tcpIdleTimeout, ILoggerFactory loggers)
    {
        Registry = registry;
        Parser = parser;
        Inbound = inbound;
        TcpIdleTimeout = tcpIdleTimeout;
        Loggers = loggers;
    }

    public ConnectionRegistry Registry { get; }

    public SipParser Parser { get; }

    public ISipInbound Inbound { get; }

    public TimeSpan TcpIdleTimeout { get; }

    public ILoggerFactory Loggers { get; }

    /// <summary>The receive and accept loops running on each listener.</summary>
    public ReceiveLoops Loops { get; } = new();

    /// <summary>A connection object for a connected TCP socket.</summary>
    public TcpConnection NewTcpConnection(Socket socket)
    {
        socket.NoDelay = true;
        var flow = new SipFlow(
            Registry.Node, SipTransport.Tcp, Normalize((IPEndPoint)socket.LocalEndPoint!), Normalize((IPEndPoint)socket.RemoteEndPoint!),
            Registry.NextConnectionId());
        return new TcpConnection(socket, flow, Parser, Inbound, TcpIdleTimeout, Loggers.CreateLogger<TcpConnection>());
    }

    /// <summary>IPv4 peers of a dual-stack socket appear as ::ffff:a.b.c.d; flows name them as IPv4.</summary>
    public static IPEndPoint Normalize(IPEndPoint endPoint)
        => endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;
}
