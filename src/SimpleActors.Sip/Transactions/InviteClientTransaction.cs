using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Transactions;

/// <summary>
/// The INVITE client transaction (RFC 3261 section 17.1.1, figure 5): Calling, Proceeding, Completed,
/// Terminated, with Timers A (retransmit, doubling, unreliable only), B (timeout in Calling) and D (absorb
/// response retransmissions in Completed). A 2xx moves it to RFC 6026's Accepted state (section 7.2): every
/// 2xx, retransmissions and 2xx from other forks included, goes to the TU (which ACKs a 2xx itself, RFC 3261
/// section 13.2.2.4, or, in a proxy, relays it, section 16.7 step 5) until Timer M (64*T1) ends it.
/// </summary>
public sealed class InviteClientTransaction : ClientTransaction
{
    private TimeSpan timerA;
    private SipRequest? ack;

    public InviteClientTransaction(SipRequest invite, SipDestination destination, TransactionTimers timers)
        : base(invite, destination, timers, TransactionState.Calling)
    {
        if (invite.Method != SipMethod.Invite)
        {
            throw new ArgumentException("Not an INVITE", nameof(invite));
        }
    }

    /// <summary>The ACK sent for a 300-699 response, once there is one (section 17.1.1.3).</summary>
    public SipRequest? Ack => ack;

    private protected override IReadOnlyList<TransactionAction> OnStart()
    {
        // Section 17.1.1.2: send, Timer A = T1 on unreliable transports, Timer B = 64*T1.
        var actions = new List<TransactionAction>(3) { new SendMessage(Request, Destination) };
        if (!IsReliable)
        {
            timerA = Timers.T1;
            actions.Add(new StartTimer(TimerName.A, timerA));
        }

        actions.Add(new StartTimer(TimerName.B, Timers.B));
        return actions;
    }

    public override IReadOnlyList<TransactionAction> OnResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        switch (State)
        {
            case TransactionState.Calling or TransactionState.Proceeding when response.IsProvisional:
                if (State == TransactionState.Calling)
                {
                    // Section 17.1.1.2: a provisional response stops retransmissions; Timer B only guards Calling.
                    State = TransactionState.Proceeding;
                    return [new CancelTimer(TimerName.A), new CancelTimer(TimerName.B), new DeliverToTransactionUser(response)];
                }

                return [new DeliverToTransactionUser(response)];

            case TransactionState.Calling or TransactionState.Proceeding when response.IsSuccess:
                // RFC 6026 section 7.2: a 2xx goes to the TU; Accepted with Timer M.
                State = TransactionState.Accepted;
                return [new CancelTimer(TimerName.A), new CancelTimer(TimerName.B), new DeliverToTransactionUser(response), new StartTimer(TimerName.M, Timers.M)];

            case TransactionState.Accepted when response.IsSuccess:
                // RFC 6026 section 7.2: a retransmitted (or another fork's) 2xx goes to the TU as well.
                return [new DeliverToTransactionUser(response)];

            case TransactionState.Calling or TransactionState.Proceeding:
                {
                    // Section 17.1.1.2: 300-699 -> ACK, pass up, Completed with Timer D (0 on reliable transports).
                    State = TransactionState.Completed;
                    ack = NonSuccessAck.Create(Request, response);
                    var actions = new List<TransactionAction>(6)
                    {
                        new CancelTimer(TimerName.A),
                        new CancelTimer(TimerName.B),
                        new SendMessage(ack, Destination),
                        new DeliverToTransactionUser(response),
                    };
                    var d = Timers.D(Destination.Transport);
                    if (d == TimeSpan.Zero)
                    {
                        State = TransactionState.Terminated;
                        actions.Add(Terminated.Instance);
                    }
                    else
                    {
                        actions.Add(new StartTimer(TimerName.D, d));
                    }

                    return actions;
                }

            case TransactionState.Completed when !response.IsProvisional && !response.IsSuccess && ack is not null:
                // Section 17.1.1.2: a retransmitted final response is ACKed again and not passed up.
                return [new SendMessage(ack, Destination)];

            default:
                return [];
        }
    }

    public override IReadOnlyList<TransactionAction> OnTimer(TimerName timer)
    {
        switch (timer)
        {
            case TimerName.A when State == TransactionState.Calling:
                // Section 17.1.1.2: retransmit and double Timer A (no cap for INVITE).
                timerA *= 2;
                return [new SendMessage(Request, Destination), new StartTimer(TimerName.A, timerA)];

            case TimerName.B when State == TransactionState.Calling:
                return Terminate(TimedOut.Instance);

            case TimerName.D when State == TransactionState.Completed:
                return Terminate();

            case TimerName.M when State == TransactionState.Accepted:
                return Terminate();

            default:
                return [];
        }
    }
}
