using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge;
using SimpleActors.Edge.Auth;
using SimpleActors.Edge.Presence;
using SimpleActors.Edge.Proxy;
using SimpleActors.Edge.Routing;
using SimpleActors.Edge.Transactions;
using SimpleActors.Edge.Transport;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Sharding;
using SimpleActors.Node.Configuration;
using SimpleActors.Presence;
using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;
using AkkaCluster = Akka.Cluster.Cluster;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// Starts the SIP edge of a node with the <c>edge</c> role: binds the configured sockets, builds the
/// per-node transaction layer and transaction user over the shard regions, and starts a socket actor per
/// UDP socket, an acceptor per TCP listener and the outgoing TCP connector.
/// </summary>
public static partial class SipEdgeHosting
{
    public const string EdgeRole = "edge";

    public static AkkaConfigurationBuilder WithSipEdge(
        this AkkaConfigurationBuilder akka, SimpleActorsOptions options, SipEdgeRuntime runtime, ILoggerFactory loggers, string baseDirectory,
        JournalStore? journal = null)
    {
        ArgumentNullException.ThrowIfNull(akka);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Cluster.Roles.Contains(EdgeRole, StringComparer.OrdinalIgnoreCase))
        {
            return akka;
        }

        return akka.AddHocon(EdgeDrain.PhaseTimeoutHocon(options.Sip.DrainTimeout), HoconAddMode.Prepend).WithActors((system, registry) =>
        {
            try
            {
                Start(system, registry, options, runtime, loggers, baseDirectory, journal);
            }
            catch (Exception e) when (e is SocketException or IOException or InvalidOperationException)
            {
                runtime.Fail(e);
                throw;
            }
        });
    }

    /// <summary>The journal lookup the edge asks before it starts a mailbox entity for a new binding (none without a journal).</summary>
    private static JournalLookup? Lookup(JournalStore? journal, SipEdgeRuntime runtime)
    {
        if (journal is null)
        {
            return null;
        }

        var lookup = new JournalLookup(journal);
        runtime.Own(lookup);
        return lookup;
    }

    private static void Start(
        ActorSystem system, IActorRegistry registry, SimpleActorsOptions options, SipEdgeRuntime runtime, ILoggerFactory loggers, string baseDirectory,
        JournalStore? journal)
    {
        var logger = loggers.CreateLogger("SimpleActors.Edge");
        var sip = options.Sip;
        var sockets = sip.Listeners.Select(l => Bind(l, sip.UdpReceiveBufferSize)).ToList();
        var bound = sockets.Select(s => (s.Transport, EndPoint: EdgeTransportContext.Normalize((IPEndPoint)s.Socket.LocalEndPoint!))).ToList();

        var users = new UserDirectory(options.Auth.UsersFilePath(baseDirectory), loggers.CreateLogger<UserDirectory>());
        runtime.Own(users);
        var domains = options.Domains.Select(d => d.ToLowerInvariant()).ToHashSet();

        // Lab mode knows every user of our domains; otherwise the credentials file says who exists.
        Func<string, bool> isKnownUser = options.Auth.Enabled
            ? users.Contains
            : aor => SipUri.TryParse(aor, out var uri) && domains.Contains(uri.Host);
        // The mark of the dialogs we record-route is keyed by the secret the digest nonces use: every node must accept
        // a dialog another node record-routed, as it accepts another node's nonce.
        var routing = new RoutingContext(
            domains, LocalHosts(bound, sip.AdvertisedHost), isKnownUser, bound.Select(b => b.EndPoint.Port), RecordRouteSignature.FromSecret(options.Auth.Secret));
        var authentication = options.Auth.Enabled
            ? new EdgeAuthentication(
                new DigestAuthenticator(
                    options.Auth.CreateNonceIssuer(), new NonceCountTracker(options.Auth.MaxTrackedNonces), options.Auth.OfferedAlgorithms())
                {
                    CheckDigestUri = options.Auth.CheckDigestUri,
                    IsServerUri = uri => uri.User is null && routing.IsOurs(uri.Host.ToLowerInvariant()),
                },
                users,
                options.Auth.SingleChallengeUserAgentPrefixes(),
                loggers.CreateLogger<EdgeAuthentication>())
            : new EdgeAuthentication(null, users);

        var cluster = AkkaCluster.Get(system);
        var connections = new ConnectionRegistry(cluster.SelfAddress.ToString());
        var relay = new EdgeRelay(system, connections.Node, () => cluster.State.Members.Select(m => m.Address.ToString()));
        IActorRef? connector = null;
        var sender = new EdgeTransportSender(connections, () => connector!, relay);
        var transactions = new TransactionLayer(sender, TransactionTimers.Default, TimeProvider.System, loggers.CreateLogger<TransactionLayer>());
        runtime.Own(transactions);

        var answers = new PendingAnswers();
        var transactionUser = new TransactionUser(
            transactions,
            routing,
            authentication,
            registry.Get<RegistrationRegion>(),
            registry.Get<MailboxRegion>(),
            registry.Get<PresentityRegion>(),
            registry.Get<SubscriptionRegion>(),
            PresenceLimits.Default,
            transport => OurVia(transport, bound, sip.AdvertisedHost, relay.Token),
            sip.StoredMessageLifetime,
            TimeProvider.System,
            loggers.CreateLogger<TransactionUser>(),
            runtime.EntityAsk = new EntityAsk(sip.Overload.MaxPendingRequests, sip.Overload.EntityTimeout),
            Lookup(journal, runtime),
            answers);
        var edge = new SipEdge(transactions, transactionUser, sender, runtime.Counters, loggers.CreateLogger<SipEdge>(), relay, sip.Overload);

        var parser = new SipParser(sip.Limits.ToParserLimits());
        var context = new EdgeTransportContext(connections, parser, edge, sip.TcpIdleTimeout, loggers);
        system.ActorOf(EdgeRelayActor.Props(sender, parser, transactions.ReceiveResponse), EdgeRelay.ActorName);
        system.ActorOf(
            DialogRequestActor.Props(transactions, transport => OurVia(transport, bound, sip.AdvertisedHost, relay.Token), answers),
            Engine.Dialogs.DialogRequests.ActorName);
        connector = system.ActorOf(TcpConnectorActor.Props(context), "sip-tcp-connector");
        foreach (var (transport, socket) in sockets)
        {
            var endPoint = (IPEndPoint)socket.LocalEndPoint!;
            var name = $"sip-{transport.ViaName().ToLowerInvariant()}-{endPoint.Port}";
            system.ActorOf(transport == SipTransport.Udp ? UdpSocketActor.Props(socket, context) : TcpListenerActor.Props(socket, context), name);
            LogListening(logger, name, endPoint);
        }

        EdgeDrain.Register(system, edge, transactions, connections, sip.DrainTimeout, logger);
        runtime.Start(bound, connections, transactions, context.Loops);
    }

    private static (SipTransport Transport, Socket Socket) Bind(Edge.Configuration.SipListenerOptions listener, int udpReceiveBufferSize)
    {
        var endPoint = listener.EndPoint ?? throw new InvalidOperationException($"Invalid SIP listener {listener.Address}:{listener.Port}");
        if (listener.Transport is not (SipTransport.Udp or SipTransport.Tcp))
        {
            throw new InvalidOperationException($"SIP over {listener.Transport} is not served yet");
        }

        var udp = listener.Transport == SipTransport.Udp;
        var socket = new Socket(endPoint.AddressFamily, udp ? SocketType.Dgram : SocketType.Stream, udp ? ProtocolType.Udp : ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            if (!udp)
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }
            else if (udpReceiveBufferSize > 0)
            {
                socket.ReceiveBufferSize = udpReceiveBufferSize;
            }

            socket.Bind(endPoint);
            if (!udp)
            {
                socket.Listen(1024);
            }

            return (listener.Transport, socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Our Via for a request sent over <paramref name="transport"/>: the advertised host or the listener's address and port.</summary>
    private static ViaHeader OurVia(SipTransport transport, List<(SipTransport Transport, IPEndPoint EndPoint)> bound, string advertised, string nodeToken)
    {
        var listener = bound.FirstOrDefault(b => b.Transport == transport);
        var endPoint = listener.EndPoint ?? bound[0].EndPoint;
        var host = !string.IsNullOrEmpty(advertised) ? advertised : HostOf(endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any)
            ? FirstLocalAddress() : endPoint.Address);
        return new ViaHeader(transport.ViaName(), host, endPoint.Port, GenericParameters.Empty.With(EdgeRelay.NodeParameter, nodeToken));
    }

    /// <summary>The hosts that count as this server: listener addresses (all interfaces for a wildcard) and the advertised host.</summary>
    private static List<string> LocalHosts(List<(SipTransport Transport, IPEndPoint EndPoint)> bound, string advertised)
    {
        var addresses = new HashSet<IPAddress>();
        foreach (var (_, endPoint) in bound)
        {
            if (endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                addresses.UnionWith(NetworkInterface.GetAllNetworkInterfaces()
                    .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(u => u.Address));
            }
            else
            {
                addresses.Add(endPoint.Address);
            }
        }

        var hosts = addresses.Select(HostOf).ToList();
        if (!string.IsNullOrEmpty(advertised))
        {
            hosts.Add(advertised);
        }

        return hosts;
    }

    private static IPAddress FirstLocalAddress()
        => NetworkInterface.GetAllNetworkInterfaces()
               .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
               .SelectMany(n => n.GetIPProperties().UnicastAddresses)
               .Select(u => u.Address)
               .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
           ?? IPAddress.Loopback;

    private static string HostOf(IPAddress address)
        => address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    [LoggerMessage(Level = LogLevel.Information, Message = "SIP listening: {Listener} on {EndPoint}")]
    private static partial void LogListening(ILogger logger, string listener, IPEndPoint endPoint);
}
