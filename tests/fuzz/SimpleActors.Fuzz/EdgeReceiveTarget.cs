using System.Net;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge;
using SimpleActors.Edge.Auth;
using SimpleActors.Edge.Routing;
using SimpleActors.Edge.Transactions;
using SimpleActors.Edge.Transport;
using SimpleActors.Presence;
using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Fuzz;

/// <summary>
/// The whole edge receive path in this process, as a UDP datagram takes it: <see cref="DatagramReceiver"/> (parse, refuse,
/// answer), <see cref="SipEdge"/> (pre-routing checks, received/rport, reject), the real <see cref="TransactionLayer"/>, router and
/// <see cref="TransactionUser"/> (authentication, the exchanges that build commands and responses) up to the ask to the entities,
/// where <see cref="EntityStub"/> answers. Each input goes through two fresh edges, one with digest authentication on and
/// one in lab mode, and must end with a final response (or a refusal, or nothing for an ACK or a response); an error the
/// edge logged with an exception (a request it answered 500) is a crash.
/// </summary>
internal sealed class EdgeReceiveTarget : IFuzzTarget
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);
    private static readonly string[] Domains = ["example.com"];

    private readonly ActorSystem system = ActorSystem.Create("fuzz", "akka.loglevel = ERROR\nakka.stdout-loglevel = OFF\nakka.log-dead-letters = off");
    private readonly IActorRef entities;
    private readonly SipParser parser = new();
    private readonly FailureLog log = new();
    private readonly CapturingSender sender = new();
    private readonly KnownUsers users = new();
    private readonly SipFlow flow = new(
        "akka.tcp://fuzz@127.0.0.1:1", SipTransport.Udp, new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Loopback, 5099), 0);

    public EdgeReceiveTarget() => entities = system.ActorOf(EntityStub.Props(), "entities");

    public void Run(ReadOnlySpan<byte> input)
    {
        var authenticator = new DigestAuthenticator(NonceIssuer.FromSecret("fuzz-secret-fuzz-secret-fuzz-secret", TimeSpan.FromMinutes(5)), new NonceCountTracker());
        Run(input, new EdgeAuthentication(authenticator, users), users.Contains);
        Run(input, new EdgeAuthentication(null, users), _ => true);
    }

    private void Run(ReadOnlySpan<byte> input, EdgeAuthentication authentication, Func<string, bool> isKnownUser)
    {
        sender.Reset();
        using var transactions = new TransactionLayer(sender, TransactionTimers.Default, TimeProvider.System, new Logger<TransactionLayer>(log));
        var transactionUser = new TransactionUser(
            transactions,
            new RoutingContext(Domains, ["127.0.0.1"], isKnownUser),
            authentication,
            entities,
            entities,
            entities,
            entities,
            PresenceLimits.Default,
            transport => new ViaHeader(transport.ViaName(), "127.0.0.1", 5060),
            TimeSpan.FromHours(1),
            TimeProvider.System,
            new Logger<TransactionUser>(log));
        var counters = new EdgeCounters();
        var edge = new SipEdge(transactions, transactionUser, sender, counters, new Logger<SipEdge>(log));
        var inbound = new LastMessage(edge);

        DatagramReceiver.Receive(input, flow, parser, inbound, _ => { });

        var request = inbound.Message as SipRequest;
        var answered = request is null || request.Method == SipMethod.Ack || counters.Refused > 0 || sender.WaitForFinal(AnswerTimeout);
        if (log.Take() is { } failure)
        {
            throw failure;
        }

        if (!answered)
        {
            throw new FuzzFinding($"no final response to {request!.Method} within {AnswerTimeout}");
        }
    }

    /// <summary>Hands messages to the edge and keeps the last one, to know whether a final response must follow.</summary>
    private sealed class LastMessage(ISipInbound edge) : ISipInbound
    {
        public SipMessage? Message { get; private set; }

        public void Receive(SipMessage message, SipFlow flow)
        {
            Message = message;
            edge.Receive(message, flow);
        }

        public void Refused(SipParseException refusal, SipFlow flow, bool answered) => edge.Refused(refusal, flow, answered);
    }

    /// <summary>alice and bob of example.com, password <c>pw</c>.</summary>
    private sealed class KnownUsers : IDigestCredentialSource
    {
        public bool Contains(string aor) => aor is "sip:alice@example.com" or "sip:bob@example.com";

        public bool TryGetHa1(string identityAor, string realm, DigestAlgorithm algorithm, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? ha1)
        {
            ha1 = Contains(identityAor) ? DigestCalculator.Ha1(algorithm, SipUri.Parse(identityAor).User!, realm, "pw") : null;
            return ha1 is not null;
        }
    }
}
