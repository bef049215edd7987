using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Transactions;

/// <summary>
/// The INVITE server transaction (RFC 3261 section 17.2.1, figure 7): Proceeding, Completed, Confirmed,
/// Terminated, with Timers G (retransmit a 300-699 response, doubling up to T2, unreliable only), H (wait for
/// the ACK) and I (absorb ACK retransmissions), and the optional 100 Trying after
/// <see cref="TransactionTimers.TryingDelay"/>. A 2xx moves it to RFC 6026's Accepted state (section 7.1): further
/// 2xx responses from the TU (a UAS core's retransmissions, section 13.3.1.4, or a proxy's 2xx from another
/// branch, RFC 3261 section 16.7 step 5) are sent, retransmitted INVITEs are absorbed, the ACK of the 2xx is the
/// TU's (the layer hands it over), and Timer L (64*T1) ends it.
/// </summary>
public sealed class InviteServerTransaction : ServerTransaction
{
    private TimeSpan timerG;

    public InviteServerTransaction(SipRequest invite, SipDestination responseDestination, TransactionTimers timers)
        : base(invite, responseDestination, timers, TransactionState.Proceeding)
    {
        if (invite.Method != SipMethod.Invite)
        {
            throw new ArgumentException("Not an INVITE", nameof(invite));
        }
    }

    private protected override IReadOnlyList<TransactionAction> OnStart()
        => Timers.TryingDelay is { } delay ? [new StartTimer(TimerName.Trying, delay)] : [];

    /// <summary>
    /// True if an ACK belongs to this transaction. With a magic-cookie branch the key says so; for an RFC 2543
    /// ACK the To tag must be the one of the response this transaction sent (section 17.2.3).
    /// </summary>
    public bool IsAckOf(SipRequest ack)
    {
        ArgumentNullException.ThrowIfNull(ack);
        if (Key.IsRfc3261)
        {
            return true;
        }

        var sentTag = LastResponse?.To?.Tag ?? Request.To?.Tag;
        return string.Equals(sentTag, ack.To?.Tag, StringComparison.Ordinal);
    }

    public override IReadOnlyList<TransactionAction> OnRequest(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == SipMethod.Ack)
        {
            return OnAck();
        }

        // Section 17.2.1: a retransmitted INVITE gets the last provisional (Proceeding) or final (Completed)
        // response again; in Confirmed, and in Accepted (RFC 6026 section 7.1), it is absorbed.
        return State is TransactionState.Proceeding or TransactionState.Completed ? Resend() : [];
    }

    private IReadOnlyList<TransactionAction> OnAck()
    {
        if (State != TransactionState.Completed)
        {
            // Confirmed: ACK retransmissions are absorbed (section 17.2.1). Accepted: the ACK is the TU's (RFC 6026
            // section 7.1), which the layer sees by the state.
            return [];
        }

        // Section 17.2.1: ACK -> Confirmed, stop G and H, Timer I (T4, or 0 on reliable transports).
        State = TransactionState.Confirmed;
        var i = Timers.I(ResponseDestination.Transport);
        if (i == TimeSpan.Zero)
        {
            State = TransactionState.Terminated;
            return [new CancelTimer(TimerName.G), new CancelTimer(TimerName.H), Terminated.Instance];
        }

        return [new CancelTimer(TimerName.G), new CancelTimer(TimerName.H), new StartTimer(TimerName.I, i)];
    }

    public override IReadOnlyList<TransactionAction> SendResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (State == TransactionState.Accepted)
        {
            // RFC 6026 section 7.1: in Accepted a 2xx from the TU is passed to the transport; nothing else is sent.
            return response.IsSuccess ? [new SendMessage(response, ResponseDestination)] : [];
        }

        if (State != TransactionState.Proceeding)
        {
            return [];
        }

        LastResponse = response;
        var send = new SendMessage(response, ResponseDestination);
        if (response.IsProvisional)
        {
            return [new CancelTimer(TimerName.Trying), send];
        }

        if (response.IsSuccess)
        {
            // RFC 6026 section 7.1: a 2xx -> Accepted with Timer L; the TU retransmits it (RFC 3261 section 13.3.1.4).
            State = TransactionState.Accepted;
            return [new CancelTimer(TimerName.Trying), send, new StartTimer(TimerName.L, Timers.L)];
        }

        // Section 17.2.1: 300-699 -> Completed, Timer G = T1 (unreliable only), Timer H = 64*T1.
        State = TransactionState.Completed;
        var actions = new List<TransactionAction>(4) { new CancelTimer(TimerName.Trying), send };
        if (!IsReliable)
        {
            timerG = Timers.T1;
            actions.Add(new StartTimer(TimerName.G, timerG));
        }

        actions.Add(new StartTimer(TimerName.H, Timers.H));
        return actions;
    }

    public override IReadOnlyList<TransactionAction> OnTimer(TimerName timer)
    {
        switch (timer)
        {
            case TimerName.Trying when State == TransactionState.Proceeding && LastResponse is null:
                // Section 17.2.1: the TU has not answered within 200 ms: send 100 Trying (section 8.2.6.1).
                LastResponse = SipResponse.CreateFor(Request, 100);
                return [new SendMessage(LastResponse, ResponseDestination)];

            case TimerName.G when State == TransactionState.Completed:
                // Section 17.2.1: retransmit, next interval MIN(2*G, T2).
                timerG = timerG * 2 < Timers.T2 ? timerG * 2 : Timers.T2;
                return [.. Resend(), new StartTimer(TimerName.G, timerG)];

            case TimerName.H when State == TransactionState.Completed:
                // Section 17.2.1: no ACK came; tell the TU the transaction failed.
                return Terminate(TimedOut.Instance);

            case TimerName.I when State == TransactionState.Confirmed:
                return Terminate();

            case TimerName.L when State == TransactionState.Accepted:
                return Terminate();

            default:
                return [];
        }
    }
}
