using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Transactions;

/// <summary>
/// The non-INVITE server transaction (RFC 3261 section 17.2.2, figure 8): Trying, Proceeding, Completed,
/// Terminated, with Timer J (absorb request retransmissions in Completed: 64*T1 unreliable, 0 reliable).
/// </summary>
public sealed class NonInviteServerTransaction : ServerTransaction
{
    public NonInviteServerTransaction(SipRequest request, SipDestination responseDestination, TransactionTimers timers)
        : base(request, responseDestination, timers, TransactionState.Trying)
    {
        if (request.Method is SipMethod.Invite or SipMethod.Ack)
        {
            throw new ArgumentException($"{request.Method} is not a non-INVITE transaction", nameof(request));
        }
    }

    private protected override IReadOnlyList<TransactionAction> OnStart() => [];

    public override IReadOnlyList<TransactionAction> OnRequest(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Section 17.2.2: Trying absorbs retransmissions; Proceeding and Completed resend the last response.
        return State is TransactionState.Proceeding or TransactionState.Completed ? Resend() : [];
    }

    public override IReadOnlyList<TransactionAction> SendResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (State is not (TransactionState.Trying or TransactionState.Proceeding))
        {
            // Section 17.2.2: responses after the final one are discarded.
            return [];
        }

        LastResponse = response;
        var send = new SendMessage(response, ResponseDestination);
        if (response.IsProvisional)
        {
            State = TransactionState.Proceeding;
            return [send];
        }

        // Section 17.2.2: final -> Completed with Timer J (64*T1 unreliable, 0 reliable).
        State = TransactionState.Completed;
        var j = Timers.J(ResponseDestination.Transport);
        if (j == TimeSpan.Zero)
        {
            State = TransactionState.Terminated;
            return [send, Terminated.Instance];
        }

        return [send, new StartTimer(TimerName.J, j)];
    }

    public override IReadOnlyList<TransactionAction> OnTimer(TimerName timer)
        => timer == TimerName.J && State == TransactionState.Completed ? Terminate() : [];
}
