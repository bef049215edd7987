using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// This node's open sockets: UDP sockets by local endpoint, stream connections by id and by remote
/// endpoint (for connection reuse, RFC 3261 section 18.1.1 / RFC 5626). Concurrent maps, no lock on
/// the message path.
/// </summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<long, ISipConnection> connections = new();
    private readonly ConcurrentDictionary<(SipTransport, IPEndPoint), ISipConnection> byRemote = new();
    private readonly ConcurrentDictionary<IPEndPoint, Socket> udpSockets = new();
    private long nextId;

    public ConnectionRegistry(string node)
    {
        Node = node;
    }

    /// <summary>This node's cluster address, the owner named in every flow it creates.</summary>
    public string Node { get; }

    public int ConnectionCount => connections.Count;

    public long NextConnectionId() => Interlocked.Increment(ref nextId);

    public void Add(ISipConnection connection)
    {
        connections[connection.Id] = connection;
        byRemote[(connection.Flow.Transport, connection.Flow.Remote)] = connection;
    }

    public void Remove(ISipConnection connection)
    {
        connections.TryRemove(connection.Id, out _);
        byRemote.TryRemove(new KeyValuePair<(SipTransport, IPEndPoint), ISipConnection>((connection.Flow.Transport, connection.Flow.Remote), connection));
    }

    /// <summary>Closes every stream connection (a graceful stop, once the requests on them are answered).</summary>
    public async Task CloseAllAsync()
    {
        foreach (var connection in connections.Values)
        {
            Remove(connection);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public bool TryGet(long id, out ISipConnection connection) => connections.TryGetValue(id, out connection!);

    /// <summary>An open connection to <paramref name="remote"/> over <paramref name="transport"/>, for reuse.</summary>
    public bool TryGetByRemote(SipTransport transport, IPEndPoint remote, out ISipConnection connection)
        => byRemote.TryGetValue((transport, remote), out connection!);

    public void AddUdpSocket(IPEndPoint local, Socket socket) => udpSockets[local] = socket;

    public void RemoveUdpSocket(IPEndPoint local) => udpSockets.TryRemove(local, out _);

    /// <summary>The UDP socket bound at <paramref name="local"/>, else any of the remote's address family.</summary>
    public Socket? UdpSocketFor(IPEndPoint? local, AddressFamily family)
    {
        if (local is not null && udpSockets.TryGetValue(local, out var socket))
        {
            return socket;
        }

        foreach (var (endPoint, candidate) in udpSockets)
        {
            if (endPoint.AddressFamily == family)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The local endpoints of the UDP sockets (for Via sent-by and our own addresses).</summary>
    public IEnumerable<IPEndPoint> UdpEndPoints => udpSockets.Keys;
}
