using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Dialogs;

/// <summary>
/// The UAS side of an INVITE session as a pure state machine (time passed in), for a usage that answers INVITEs (a chat
/// room, later): the rules of RFC 3261 sections 13.3, 14.2, 15 and 9.2 that every such usage shares.
/// <code>
///   INVITE ──▶ Offered ──Accept (2xx)──▶ Accepted ──ACK──▶ Confirmed ──re-INVITE──▶ Offered ──Accept──▶ Accepted ...
///                 │                         │  ▲                │
///                 │ Reject / CANCEL (487)   │  └ Elapsed: resend the 2xx (T1, 2T1, ... T2)
///                 ▼                         ▼                   ▼
///             Terminated ◀── no ACK in 64*T1 (BYE) ◀──── BYE (200) ── Terminated
/// </code>
/// A 2xx is resent by the UAS core until its ACK (section 13.3.1.4; with RFC 6026 the transaction no longer does), at
/// T1, doubling up to T2, for 64*T1; then the session is ended with a BYE. A re-INVITE with a lower or equal CSeq gets
/// 500 (section 12.2.2); one that comes while an earlier INVITE of the peer is still unanswered gets 500 with a
/// Retry-After of 0 to 10 seconds (section 14.2). A CANCEL ends an INVITE not yet answered with 487 (section 9.2).
/// A BYE ends the session (200, section 15.1.2); requests after the end get 481.
/// </summary>
public sealed record InviteSession(
    InviteSessionPhase Phase,
    Dialog? Dialog,
    uint InviteCSeq,
    TimeSpan Interval,
    DateTimeOffset? NextAt,
    DateTimeOffset GiveUpAt,
    TransactionTimers Timers)
{
    /// <summary>An initial INVITE arrived: it waits for the usage's answer.</summary>
    public static InviteSession Offer(SipRequest invite, TransactionTimers? timers = null)
    {
        ArgumentNullException.ThrowIfNull(invite);
        return new InviteSession(InviteSessionPhase.Offered, null, invite.CSeq?.Number ?? 0, TimeSpan.Zero, null, default, timers ?? TransactionTimers.Default);
    }

    /// <summary>
    /// The usage answered the INVITE with a 2xx carrying <paramref name="localTag"/>: the dialog exists (section 12.1.1; a
    /// re-INVITE refreshes its target, section 12.2.2), and the 2xx is resent until the ACK.
    /// </summary>
    public (InviteSession Next, InviteSessionStep Step) Accept(SipRequest invite, string localTag, SipFlow? flow, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(invite);
        if (Phase != InviteSessionPhase.Offered)
        {
            return Refuse("no INVITE waits for an answer");
        }

        var dialog = Dialog is null ? Dialog.AsUas(invite, localTag, flow) : Dialog.Received(invite, flow);
        var first = now + Timers.T1;
        return (this with
        {
            Phase = InviteSessionPhase.Accepted, Dialog = dialog, Interval = Timers.T1, NextAt = first, GiveUpAt = now + Timers.Timeout,
        }, new InviteSessionStep.WakeAt(first));
    }

    /// <summary>The usage answered the INVITE with a final non-2xx: an initial one ends the session, a re-INVITE leaves it as it was (section 14.2).</summary>
    public (InviteSession Next, InviteSessionStep Step) Reject()
    {
        if (Phase != InviteSessionPhase.Offered)
        {
            return Refuse("no INVITE waits for an answer");
        }

        return Dialog is null
            ? (this with { Phase = InviteSessionPhase.Terminated }, InviteSessionStep.None)
            : (this with { Phase = InviteSessionPhase.Confirmed }, InviteSessionStep.None);
    }

    /// <summary>A CANCEL for the INVITE waiting for an answer: 487 to that INVITE (section 9.2); too late otherwise.</summary>
    public (InviteSession Next, InviteSessionStep Step) Cancel() =>
        Phase != InviteSessionPhase.Offered ? Refuse("the INVITE was answered already") : (Reject().Next, new InviteSessionStep.Respond(487));

    /// <summary>An ACK: the one for our 2xx (same CSeq number) confirms the session.</summary>
    public (InviteSession Next, InviteSessionStep Step) Ack(uint cseq) =>
        Phase == InviteSessionPhase.Accepted && cseq == InviteCSeq
            ? (this with { Phase = InviteSessionPhase.Confirmed, NextAt = null }, InviteSessionStep.None)
            : Refuse($"no 2xx with CSeq {cseq} waits for its ACK");

    /// <summary>The time <see cref="InviteSessionStep.Retransmit"/> or <see cref="InviteSessionStep.WakeAt"/> asked for came.</summary>
    public (InviteSession Next, InviteSessionStep Step) Elapsed(DateTimeOffset now)
    {
        if (Phase != InviteSessionPhase.Accepted || NextAt is not { } at)
        {
            return Refuse("no 2xx waits for its ACK");
        }

        if (now >= GiveUpAt)
        {
            // Section 13.3.1.4: no ACK for 64*T1: the dialog is confirmed, but the session ends with a BYE.
            var (ended, bye) = Hangup();
            return (ended, new InviteSessionStep.SendBye(bye!));
        }

        if (now < at)
        {
            return (this, new InviteSessionStep.WakeAt(at));
        }

        var interval = Interval * 2 < Timers.T2 ? Interval * 2 : Timers.T2;
        var next = now + interval < GiveUpAt ? now + interval : GiveUpAt;
        return (this with { Interval = interval, NextAt = next }, new InviteSessionStep.Retransmit(next));
    }

    /// <summary>
    /// A re-INVITE in the dialog (section 14.2): out of order, 500; while an earlier one is unanswered, 500 with Retry-After
    /// (0 to 10 s, <paramref name="retryAfter"/>); otherwise it waits for the usage's answer like the first.
    /// </summary>
    public (InviteSession Next, InviteSessionStep Step) ReInvite(SipRequest invite, int retryAfter)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var cseq = invite.CSeq?.Number ?? 0;
        if (Phase == InviteSessionPhase.Terminated || Dialog is null)
        {
            return (this, new InviteSessionStep.Respond(481));
        }

        if (!Dialog.InOrder(cseq))
        {
            return (this, new InviteSessionStep.Respond(500, "CSeq out of order"));
        }

        if (Phase == InviteSessionPhase.Offered)
        {
            return (this, new InviteSessionStep.Respond(500, "An earlier INVITE is still unanswered", Math.Clamp(retryAfter, 0, 10)));
        }

        return (this with { Phase = InviteSessionPhase.Offered, InviteCSeq = cseq, Dialog = Dialog with { RemoteCSeq = cseq }, NextAt = null }, InviteSessionStep.None);
    }

    /// <summary>A BYE in the dialog: 200 and the end (section 15.1.2); out of order 500; after the end 481.</summary>
    public (InviteSession Next, InviteSessionStep Step) Bye(uint cseq)
    {
        if (Phase == InviteSessionPhase.Terminated || Dialog is null)
        {
            return (this, new InviteSessionStep.Respond(481));
        }

        return !Dialog.InOrder(cseq)
            ? (this, new InviteSessionStep.Respond(500, "CSeq out of order"))
            : (this with { Phase = InviteSessionPhase.Terminated, NextAt = null, Dialog = Dialog with { RemoteCSeq = cseq } }, new InviteSessionStep.Respond(200));
    }

    /// <summary>The BYE we send to end the session ourselves, as data (section 15.1.1); null when there is nothing to end.</summary>
    public (InviteSession Next, OutgoingRequest? Bye) Hangup()
    {
        if (Dialog is null || Phase == InviteSessionPhase.Terminated)
        {
            return (this with { Phase = InviteSessionPhase.Terminated }, null); // no dialog, or over already
        }

        var (dialog, bye) = Dialog.MakeRequest(SipMethod.Bye);
        return (this with { Phase = InviteSessionPhase.Terminated, Dialog = dialog, NextAt = null }, bye);
    }

    private (InviteSession Next, InviteSessionStep Step) Refuse(string why) => (this, new InviteSessionStep.Refused(why));
}
