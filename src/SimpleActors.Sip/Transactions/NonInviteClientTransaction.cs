using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Transactions;

/// <summary>
/// The non-INVITE client transaction (RFC 3261 section 17.1.2, figure 6): Trying, Proceeding, Completed,
/// Terminated, with Timers E (retransmit, doubling up to T2, unreliable only), F (timeout) and K (absorb
/// response retransmissions in Completed, 0 on reliable transports).
/// </summary>
public sealed class NonInviteClientTransaction : ClientTransaction
{
    private TimeSpan timerE;

    public NonInviteClientTransaction(SipRequest request, SipDestination destination, TransactionTimers timers)
        : base(request, destination, timers, TransactionState.Trying)
    {
        if (request.Method is SipMethod.Invite or SipMethod.Ack)
        {
            throw new ArgumentException($"{request.Method} is not a non-INVITE transaction", nameof(request));
        }
    }

    private protected override IReadOnlyList<TransactionAction> OnStart()
    {
        // Section 17.1.2.2: send, Timer E = T1 on unreliable transports, Timer F = 64*T1.
        var actions = new List<TransactionAction>(3) { new SendMessage(Request, Destination) };
        if (!IsReliable)
        {
            timerE = Timers.T1;
            actions.Add(new StartTimer(TimerName.E, timerE));
        }

        actions.Add(new StartTimer(TimerName.F, Timers.F));
        return actions;
    }

    public override IReadOnlyList<TransactionAction> OnResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (State is not (TransactionState.Trying or TransactionState.Proceeding))
        {
            // Section 17.1.2.2: in Completed, retransmitted responses are absorbed.
            return [];
        }

        if (response.IsProvisional)
        {
            State = TransactionState.Proceeding;
            return [new DeliverToTransactionUser(response)];
        }

        // Section 17.1.2.2: a final response goes up; Completed with Timer K (T4, or 0 on reliable transports).
        State = TransactionState.Completed;
        var actions = new List<TransactionAction>(5)
        {
            new CancelTimer(TimerName.E),
            new CancelTimer(TimerName.F),
            new DeliverToTransactionUser(response),
        };
        var k = Timers.K(Destination.Transport);
        if (k == TimeSpan.Zero)
        {
            State = TransactionState.Terminated;
            actions.Add(Terminated.Instance);
        }
        else
        {
            actions.Add(new StartTimer(TimerName.K, k));
        }

        return actions;
    }

    public override IReadOnlyList<TransactionAction> OnTimer(TimerName timer)
    {
        switch (timer)
        {
            case TimerName.E when State == TransactionState.Trying:
                // Section 17.1.2.2: retransmit, next interval MIN(2*E, T2).
                timerE = Min(timerE * 2, Timers.T2);
                return [new SendMessage(Request, Destination), new StartTimer(TimerName.E, timerE)];

            case TimerName.E when State == TransactionState.Proceeding:
                // Section 17.1.2.2: in Proceeding, retransmit every T2.
                timerE = Timers.T2;
                return [new SendMessage(Request, Destination), new StartTimer(TimerName.E, timerE)];

            case TimerName.F when State is TransactionState.Trying or TransactionState.Proceeding:
                return Terminate(TimedOut.Instance);

            case TimerName.K when State == TransactionState.Completed:
                return Terminate();

            default:
                return [];
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
