using System.Net;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SimpleActors.Edge.Presence;
using SimpleActors.Edge.Tests.Transactions;
using SimpleActors.Edge.Transactions;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Sip.Dialogs;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Tests.Presence;

/// <summary>The edge's sender of the requests entities originate in a dialog: built once from data, after the answers pending.</summary>
public sealed class DialogRequestActorTests : TestKit
{
    private static readonly SipFlow Flow = new(
        "node-1", SipTransport.Udp, new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Loopback, 40000), 0);

    private static ViaHeader OurVia(SipTransport transport) => ViaHeader.Parse("SIP/2.0/UDP 127.0.0.1:5060");

    private static OutgoingRequest Notify(string callId, byte[]? body = null) => new(
        "NOTIFY", "sip:bob@127.0.0.1:40000", [], "<sip:alice@example.com>;tag=sub-1", "<sip:bob@example.com>;tag=bt", callId, 3,
        [KeyValuePair.Create("Event", "presence"), KeyValuePair.Create("Subscription-State", "active;expires=600")],
        body is null ? null : "application/pidf+xml", body ?? default(ReadOnlyMemory<byte>));

    private (RecordingTransportSender Sender, PendingAnswers Answers, Akka.Actor.IActorRef Actor) Start()
    {
        var sender = new RecordingTransportSender(TimeProvider.System);
        var transactions = new TransactionLayer(sender, TransactionTimers.Default, new FakeTimeProvider(), NullLogger<TransactionLayer>.Instance);
        var answers = new PendingAnswers();
        return (sender, answers, Sys.ActorOf(DialogRequestActor.Props(transactions, OurVia, answers)));
    }

    [Fact]
    public void A_request_in_a_dialog_whose_2xx_has_not_left_waits_for_it()
    {
        var (sender, answers, actor) = Start();
        var pending = answers.Begin("call-1");

        actor.Tell(new SendDialogRequest(Notify("call-1"), Flow, 7), TestActor);
        actor.Tell(new SendDialogRequest(Notify("call-2"), Flow, 8), TestActor);

        AwaitAssert(() => Assert.Single(sender.Messages));
        Assert.Equal("call-2", sender.Messages[0].CallId);
        pending.Dispose();
        AwaitAssert(() => Assert.Equal(2, sender.Messages.Length));
        Assert.Equal("call-1", sender.Messages[1].CallId);
    }

    [Fact]
    public void The_request_gets_our_via_and_contact_and_a_body_larger_than_we_would_accept_goes_whole()
    {
        var (sender, _, actor) = Start();
        var body = new byte[new SipParserLimits().MaxMessageSize + 1000];
        Array.Fill(body, (byte)'x');

        actor.Tell(new SendDialogRequest(Notify("call-big", body), Flow, 9), TestActor);

        AwaitAssert(() => Assert.Single(sender.Messages));
        var sent = Assert.IsType<SipRequest>(sender.Messages[0]);
        Assert.Equal(body.Length, sent.Body.Length);
        Assert.Equal("127.0.0.1", sent.TopVia!.Host);
        Assert.StartsWith(ViaHeader.MagicCookie, sent.TopVia.Branch, StringComparison.Ordinal);
        Assert.Equal("<sip:127.0.0.1:5060;transport=udp>", sent.Headers.GetFirstValue(KnownHeader.Contact));
        Assert.Equal(70, sent.MaxForwards);
    }
}
