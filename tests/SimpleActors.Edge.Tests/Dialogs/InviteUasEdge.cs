using System.Diagnostics.CodeAnalysis;
using Akka.Actor;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SimpleActors.Edge.Dialogs;
using SimpleActors.Edge.Routing;
using SimpleActors.Edge.Tests.Transactions;
using SimpleActors.Edge.Transactions;
using SimpleActors.Edge.Transport;
using SimpleActors.Presence;
using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Tests.Dialogs;

/// <summary>
/// An edge with a UAS usage, on a fake clock and a recording transport (or the system clock and a real transport): the real <see cref="SipEdge"/>,
/// <see cref="TransactionLayer"/>, router and <see cref="TransactionUser"/> (no entities: nothing here asks them), and an
/// <see cref="InviteUas"/> serving <see cref="TestInviteUsage"/>'s room.
/// </summary>
internal sealed class InviteUasEdge : IDisposable
{
    public InviteUasEdge()
        : this(null, 5060)
    {
    }

    /// <param name="transport">A real transport (a UDP socket), with the system clock; null: the recording one on the fake clock.</param>
    /// <param name="port">The port our Via and Contact name.</param>
    /// <param name="listServiceOwner">The router's list service directory (none by default).</param>
    /// <param name="refreshListServices">What refreshes that directory (nothing by default).</param>
    public InviteUasEdge(ITransportSender? transport, int port, Func<string, string?>? listServiceOwner = null, Func<Task>? refreshListServices = null)
    {
        Time = new FakeTimeProvider();
        Sender = new RecordingTransportSender(Time);
        TimeProvider clock = transport is null ? Time : TimeProvider.System;
        Layer = new TransactionLayer(transport ?? Sender, TransactionTimers.Default, clock, NullLogger<TransactionLayer>.Instance);
        ViaHeader OurVia(SipTransport t) => new(t.ViaName(), "127.0.0.1", port);
        Uas = new InviteUas(Layer, [Usage], OurVia, clock, NullLogger.Instance);
        var routing = new RoutingContext(
            ["example.com"], ["127.0.0.1"], _ => false, [5060], isInviteUsageTarget: Uas.Serves, isInviteSession: Uas.Holds)
        {
            ListServiceOwner = listServiceOwner ?? (static _ => null),
            RefreshListServices = refreshListServices,
        };
        var transactionUser = new TransactionUser(
            Layer, routing, new EdgeAuthentication(null, new NoUsers()), ActorRefs.Nobody, ActorRefs.Nobody, ActorRefs.Nobody, ActorRefs.Nobody,
            PresenceLimits.Default, OurVia, TimeSpan.FromHours(1), clock, NullLogger<TransactionUser>.Instance, invites: Uas);
        Edge = new SipEdge(Layer, transactionUser, transport ?? Sender, new EdgeCounters(), NullLogger<SipEdge>.Instance);
    }

    public TestInviteUsage Usage { get; } = new();

    public TransactionLayer Layer { get; }

    public RecordingTransportSender Sender { get; }

    public FakeTimeProvider Time { get; }

    public InviteUas Uas { get; }

    public SipEdge Edge { get; }

    /// <summary>A request from the peer, as the transport hands it to the edge.</summary>
    public void Receive(SipRequest request) => Edge.Receive(request, TestRequests.UdpFlow);

    /// <summary>The responses sent so far for <paramref name="method"/> (the CSeq's), in order.</summary>
    public SipResponse[] Responses(string method = SipMethod.Invite) =>
        [.. Sender.Messages.OfType<SipResponse>().Where(r => r.CSeq!.Method == method && r.StatusCode >= 200)];

    public SipRequest[] Requests(string method) => [.. Sender.Messages.OfType<SipRequest>().Where(r => r.Method == method)];

    public static async Task Until(Func<bool> condition, string what)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 10_000, "not " + what);
            await Task.Delay(10);
        }
    }

    public void Dispose() => Layer.Dispose();

    private sealed class NoUsers : IDigestCredentialSource
    {
        public bool TryGetHa1(string identityAor, string realm, DigestAlgorithm algorithm, [NotNullWhen(true)] out string? ha1)
        {
            ha1 = null;
            return false;
        }
    }
}
