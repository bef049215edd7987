using System.Net;
using System.Text;
using SimpleActors.Sip.Dialogs;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Tests.Dialogs;

/// <summary>The UAS side of an INVITE session (RFC 3261 sections 13.3.1.4, 14.2, 15.1.2, 9.2), transition by transition.</summary>
public sealed class InviteSessionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly TransactionTimers Timers = TransactionTimers.Default;
    private static readonly SipFlow Flow = new("node-1", SipTransport.Udp, new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Loopback, 40000), 0);

    private static SipRequest Invite(uint cseq = 1, string contact = "sip:bob@192.0.2.20:5060", string? toTag = null) =>
        Assert.IsType<SipRequest>(new SipParser().ParseDatagram(Encoding.UTF8.GetBytes(
            "INVITE sip:room@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.20;branch=z9hG4bK-" + cseq + "\r\nMax-Forwards: 70\r\n" +
            "From: <sip:bob@example.com>;tag=bt\r\nTo: <sip:room@example.com>" + (toTag is null ? string.Empty : ";tag=" + toTag) + "\r\n" +
            "Call-ID: call-1\r\nCSeq: " + cseq + " INVITE\r\nContact: <" + contact + ">\r\nContent-Length: 0\r\n\r\n")));

    private static InviteSession Accepted() => InviteSession.Offer(Invite(), Timers).Accept(Invite(), "room-tag", Flow, T0).Next;

    private static InviteSession Confirmed() => Accepted().Ack(1).Next;

    [Fact]
    public void An_offered_invite_accepted_makes_the_dialog_and_waits_for_the_ack_resending_at_t1()
    {
        var (next, step) = InviteSession.Offer(Invite(), Timers).Accept(Invite(), "room-tag", Flow, T0);

        Assert.Equal(InviteSessionPhase.Accepted, next.Phase);
        Assert.Equal(("room-tag", "bt", 1u), (next.Dialog!.LocalTag, next.Dialog.RemoteTag, next.Dialog.RemoteCSeq));
        Assert.Equal(new InviteSessionStep.WakeAt(T0 + Timers.T1), step);
    }

    [Fact]
    public void Without_the_ack_the_2xx_is_resent_at_doubling_intervals_up_to_t2_then_a_bye_ends_it_at_64_t1()
    {
        var session = Accepted();
        var resentAt = new List<TimeSpan>();
        var now = T0 + Timers.T1;
        InviteSessionStep step;
        while (true)
        {
            (session, step) = session.Elapsed(now);
            if (step is not InviteSessionStep.Retransmit retransmit)
            {
                break;
            }

            resentAt.Add(now - T0);
            now = retransmit.Next;
        }

        Assert.Equal("BYE", Assert.IsType<InviteSessionStep.SendBye>(step).Bye.Method);
        Assert.Null(session.Hangup().Bye); // ended already
        Assert.Equal(T0 + Timers.Timeout, now);
        Assert.Equal(InviteSessionPhase.Terminated, session.Phase);
        Assert.Equal([0.5, 1.5, 3.5, 7.5, 11.5, 15.5], resentAt.Take(6).Select(t => t.TotalSeconds));
        Assert.All(resentAt.Zip(resentAt.Skip(1), (a, b) => b - a), gap => Assert.True(gap <= Timers.T2));
    }

    [Fact]
    public void The_ack_of_the_2xx_confirms_the_session_and_stops_the_resending()
    {
        var (confirmed, step) = Accepted().Ack(1);

        Assert.Equal((InviteSessionPhase.Confirmed, (DateTimeOffset?)null), (confirmed.Phase, confirmed.NextAt));
        Assert.Equal(InviteSessionStep.None, step);
        Assert.IsType<InviteSessionStep.Refused>(confirmed.Elapsed(T0 + Timers.T1).Step);
    }

    [Fact]
    public void An_ack_for_another_cseq_or_before_any_2xx_is_refused() =>
        Assert.All(
            [Accepted().Ack(2).Step, InviteSession.Offer(Invite(), Timers).Ack(1).Step, Confirmed().Ack(1).Step],
            step => Assert.IsType<InviteSessionStep.Refused>(step));

    [Fact]
    public void An_early_timer_waits_again_for_its_time() =>
        Assert.Equal(new InviteSessionStep.WakeAt(T0 + Timers.T1), Accepted().Elapsed(T0.AddMilliseconds(100)).Step);

    [Fact]
    public void A_rejected_initial_invite_ends_the_session_and_a_rejected_re_invite_keeps_it()
    {
        var rejected = InviteSession.Offer(Invite(), Timers).Reject().Next;
        var keptAfterReInvite = Confirmed().ReInvite(Invite(2, toTag: "room-tag"), 3).Next.Reject().Next;

        Assert.Equal(InviteSessionPhase.Terminated, rejected.Phase);
        Assert.Equal(InviteSessionPhase.Confirmed, keptAfterReInvite.Phase);
    }

    [Fact]
    public void A_cancel_before_the_answer_gets_the_invite_a_487_and_after_it_is_too_late()
    {
        var (cancelled, step) = InviteSession.Offer(Invite(), Timers).Cancel();

        Assert.Equal(new InviteSessionStep.Respond(487), step);
        Assert.Equal(InviteSessionPhase.Terminated, cancelled.Phase);
        Assert.IsType<InviteSessionStep.Refused>(Accepted().Cancel().Step);
    }

    [Fact]
    public void A_re_invite_in_order_waits_for_an_answer_and_its_2xx_refreshes_the_target()
    {
        var reInvite = Invite(2, "sip:bob@192.0.2.99:6000", "room-tag");

        var (offered, step) = Confirmed().ReInvite(reInvite, 3);
        var (accepted, _) = offered.Accept(reInvite, "room-tag", Flow, T0.AddSeconds(10));

        Assert.Equal(InviteSessionStep.None, step);
        Assert.Equal((InviteSessionPhase.Offered, 2u), (offered.Phase, offered.InviteCSeq));
        Assert.Equal(("sip:bob@192.0.2.99:6000", "room-tag", 2u), (accepted.Dialog!.RemoteTarget, accepted.Dialog.LocalTag, accepted.Dialog.RemoteCSeq));
        Assert.Equal(InviteSessionPhase.Confirmed, accepted.Ack(2).Next.Phase);
    }

    [Fact]
    public void A_re_invite_out_of_order_gets_500_and_one_while_another_is_unanswered_500_with_retry_after()
    {
        var pending = Confirmed().ReInvite(Invite(2, toTag: "room-tag"), 3).Next;

        Assert.Equal(new InviteSessionStep.Respond(500, "CSeq out of order"), Confirmed().ReInvite(Invite(1, toTag: "room-tag"), 3).Step);
        Assert.Equal(new InviteSessionStep.Respond(500, "An earlier INVITE is still unanswered", 10), pending.ReInvite(Invite(3, toTag: "room-tag"), 42).Step);
    }

    [Fact]
    public void A_bye_ends_the_session_with_200_and_anything_after_gets_481()
    {
        var (ended, step) = Confirmed().Bye(2);

        Assert.Equal(new InviteSessionStep.Respond(200), step);
        Assert.Equal(InviteSessionPhase.Terminated, ended.Phase);
        Assert.Equal(new InviteSessionStep.Respond(481), ended.Bye(3).Step);
        Assert.Equal(new InviteSessionStep.Respond(481), ended.ReInvite(Invite(4, toTag: "room-tag"), 0).Step);
        Assert.Equal(new InviteSessionStep.Respond(500, "CSeq out of order"), Confirmed().Bye(1).Step);
    }

    [Fact]
    public void Hanging_up_sends_a_bye_in_the_dialog_with_the_next_cseq()
    {
        var (ended, bye) = Confirmed().Hangup();

        Assert.Equal(InviteSessionPhase.Terminated, ended.Phase);
        Assert.Equal(("BYE", "sip:bob@192.0.2.20:5060", 1u), (bye!.Method, bye.RequestUri, bye.CSeq));
        Assert.Equal(("<sip:room@example.com>;tag=room-tag", "<sip:bob@example.com>;tag=bt"), (bye.From, bye.To));
    }
}
