using SimpleActors.Edge.Dialogs;
using SimpleActors.Edge.Tests.Transactions;
using SimpleActors.Sip.Dialogs;
using SimpleActors.Sip.Message;
using static SimpleActors.Edge.Tests.Transactions.TransactionMessages;

namespace SimpleActors.Edge.Tests.Dialogs;

/// <summary>A UAS's 2xx to an INVITE, resent through the real transaction layer until its ACK (RFC 3261 section 13.3.1.4, RFC 6026).</summary>
public sealed class AcceptedInvitesTests
{
    private readonly (SimpleActors.Edge.Transactions.TransactionLayer Layer, RecordingTransportSender Sender, Microsoft.Extensions.Time.Testing.FakeTimeProvider Time) edge = NewLayer();
    private readonly SipRequest invite = Incoming(SipMethod.Invite, branch: "z9hG4bKinvite");

    private AcceptedInvites Start()
    {
        edge.Layer.Receive(invite, TestRequests.UdpFlow);
        return new AcceptedInvites(edge.Layer, edge.Time);
    }

    private SipResponse Ok() => SipResponse.CreateFor(invite, 200, toTag: "room-1");

    private int OksSent() => edge.Sender.Messages.Count(m => m is SipResponse { StatusCode: 200 });

    private static SipRequest Ack(string toTag = "room-1", uint cseq = 1) => Incoming(SipMethod.Ack, branch: "z9hG4bKack", toTag: toTag, cseq: cseq);

    private static async Task Until(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 10_000, "timed out");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task The_2xx_is_resent_at_t1_doubling_until_its_ack_which_confirms_the_session()
    {
        var invites = Start();

        var accepting = invites.AcceptAsync(invite, Ok(), TestRequests.UdpFlow);
        await Until(() => OksSent() == 1);
        edge.Time.Step(TimeSpan.FromMilliseconds(500));
        await Until(() => OksSent() == 2);
        edge.Time.Step(TimeSpan.FromMilliseconds(1000));
        await Until(() => OksSent() == 3);
        var acked = invites.Acknowledge(Ack());
        var outcome = await accepting;
        edge.Time.Step(TimeSpan.FromSeconds(4));

        Assert.True(acked);
        Assert.True(outcome.Confirmed);
        Assert.Null(outcome.Bye);
        Assert.Equal(3, OksSent());
        Assert.Equal(0, invites.Count);
    }

    [Fact]
    public async Task Without_an_ack_in_64_t1_the_session_is_given_up_with_a_bye_to_send()
    {
        var invites = Start();

        var accepting = invites.AcceptAsync(invite, Ok(), TestRequests.UdpFlow);
        await Until(() => OksSent() == 1);
        for (var second = 0; second < 33 && !accepting.IsCompleted; second++)
        {
            edge.Time.Step(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        var outcome = await accepting;

        Assert.False(outcome.Confirmed);
        Assert.Equal(InviteSessionPhase.Terminated, outcome.Session.Phase);
        Assert.Equal(("BYE", "<sip:bob@example.com>;tag=room-1"), (outcome.Bye!.Method, outcome.Bye.From));
        Assert.InRange(OksSent(), 8, 12); // 0.5, 1.5, 3.5, 7.5, then every 4 s to 32 s
    }

    [Fact]
    public async Task An_ack_of_another_dialog_or_cseq_does_not_stop_the_resending()
    {
        var invites = Start();

        var accepting = invites.AcceptAsync(invite, Ok(), TestRequests.UdpFlow);
        await Until(() => OksSent() == 1);
        var strays = (invites.Acknowledge(Ack(toTag: "other")), invites.Acknowledge(Ack(cseq: 2)));
        edge.Time.Step(TimeSpan.FromMilliseconds(500));
        await Until(() => OksSent() == 2);
        invites.Acknowledge(Ack());
        await accepting;

        Assert.Equal((false, false), strays);
    }

    [Fact]
    public Task Only_a_2xx_with_a_to_tag_waits_for_an_ack() =>
        Assert.ThrowsAsync<ArgumentException>(() => Start().AcceptAsync(invite, SipResponse.CreateFor(invite, 486, toTag: "x"), null));
}
