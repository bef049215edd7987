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
/// UDP socket, the outgoing TCP connector, and Kestrel for the TCP, TLS and WebSocket listeners (<see cref="SipKestrel"/>).
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
            catch (Exception e) when (e is SocketException or IOException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
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
        var kestrelListeners = sip.Listeners.Where(l => SipKestrel.Serves(l.Transport)).ToList();
        var sockets = sip.Listeners.Where(l => !SipKestrel.Serves(l.Transport)).Select(l => BindUdp(l, sip.UdpReceiveBufferSize)).ToList();
        var bound = sockets.Select(s => (s.Transport, EndPoint: EdgeTransportContext.Normalize((IPEndPoint)s.Socket.LocalEndPoint!))).ToList();

        // Kestrel binds its listeners now, so that every port is known to the router and to our Via; the connections it
        // accepts wait until the edge is built (Serve below).
        var kestrel = kestrelListeners.Count == 0
            ? null
            : SipKestrel.Listen(kestrelListeners, sip, Path.GetFullPath(options.DataDirectory, baseDirectory), loggers);
        if (kestrel is not null)
        {
            runtime.Own(kestrel);
            bound.AddRange(kestrel.Bound);
        }

        var users = new UserDirectory(options.Auth.UsersFilePath(baseDirectory), loggers.CreateLogger<UserDirectory>());
        runtime.Own(users);
        var domains = options.Domains.Select(d => d.ToLowerInvariant()).ToHashSet();

        // Lab mode knows every user of our domains; otherwise the credentials file says who exists.
        Func<string, bool> isKnownUser = options.Auth.Enabled
            ? users.Contains
            : aor => SipUri.TryParse(aor, out var uri) && domains.Contains(uri.Host);
        // The mark of the dialogs we record-route is keyed by the secret the digest nonces use: every node must accept
        // a dialog another node record-routed, as it accepts another node's nonce.
        // Which URIs are resource-list services (RFC 4826), as the replicated directory says: read by the router.
        var listServices = new Engine.Rls.ListServiceOwners();
        var listServiceOwners = system.ActorOf(Engine.Rls.ListServiceOwnersActor.Props(listServices), "rls-service-owners");
        var lists = options.Presence.Subscription.Lists;
        var routing = new RoutingContext(
            domains, LocalHosts(bound, sip.AdvertisedHost), isKnownUser, bound.Select(b => b.EndPoint.Port), RecordRouteSignature.FromSecret(options.Auth.Secret))
        {
            XcapRoot = options.Xcap.Enabled ? options.Xcap.Root : null,
            ListServiceOwner = listServices.OwnerOf,
            RefreshListServices = () => Engine.Rls.ListServiceOwnersActor.RefreshAsync(listServiceOwners, TimeSpan.FromSeconds(2)),
            ListCreationUser = string.IsNullOrEmpty(lists.ListCreationUser) ? null : lists.ListCreationUser,
        };
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
            answers,
            lists: lists,
            maxBodySize: sip.Limits.MaxBodySize);
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
            system.ActorOf(UdpSocketActor.Props(socket, context), name);
            LogListening(logger, transport, endPoint);
        }

        if (kestrel is not null)
        {
            kestrel.Serve(context);
            foreach (var (transport, endPoint) in kestrel.Bound)
            {
                LogListening(logger, transport, endPoint);
            }
        }

        // The XCAP server (RFC 4825) on its own listeners, with the same users and nonces as SIP.
        XcapKestrel? xcap = null;
        if (options.Xcap.Enabled)
        {
            xcap = XcapKestrel.Listen(
                options, Path.GetFullPath(options.DataDirectory, baseDirectory), users, domains, () => registry.Get<XcapDocumentRegion>(), () => registry.Get<PresentityRegion>(),
                new EntityAsk(sip.Overload.MaxPendingRequests, options.Xcap.EntityTimeout),
                loggers);
            runtime.Own(xcap);
            runtime.XcapRoots = xcap.Roots;
        }

        EdgeDrain.Register(system, edge, transactions, connections, sip.DrainTimeout, logger, kestrel is null ? null : kestrel.StopAsync);
        runtime.Start(bound, connections, transactions, context.Loops);
    }

    private static (SipTransport Transport, Socket Socket) BindUdp(Edge.Configuration.SipListenerOptions listener, int udpReceiveBufferSize)
    {
        var endPoint = listener.EndPoint ?? throw new InvalidOperationException($"Invalid SIP listener {listener.Address}:{listener.Port}");
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            if (udpReceiveBufferSize > 0)
            {
                socket.ReceiveBufferSize = udpReceiveBufferSize;
            }

            socket.Bind(endPoint);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "SIP listening: {Transport} on {EndPoint}")]
    private static partial void LogListening(ILogger logger, SipTransport transport, IPEndPoint endPoint);
}
