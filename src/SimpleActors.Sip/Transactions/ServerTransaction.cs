using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Transactions;

/// <summary>
/// A server transaction (RFC 3261 section 17.2): a pure state machine. Each input returns the actions its
/// runner must take, in order; time is never read here, timers are asked for with <see cref="StartTimer"/>
/// and come back through <see cref="OnTimer"/>. Not thread-safe: a runner feeds one input at a time.
/// The request that created it goes to the TU by the runner; the TU's responses come in through
/// <see cref="SendResponse"/>. On <see cref="Terminated"/> the runner cancels its timers and forgets it.
/// </summary>
public abstract class ServerTransaction
{
    private bool started;

    private protected ServerTransaction(SipRequest request, SipDestination responseDestination, TransactionTimers timers, TransactionState initial)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseDestination);
        ArgumentNullException.ThrowIfNull(timers);
        Request = request;
        ResponseDestination = responseDestination;
        Timers = timers;
        Key = ServerTransactionKey.For(request);
        State = initial;
    }

    /// <summary>The request that created the transaction.</summary>
    public SipRequest Request { get; }

    /// <summary>Where responses go (RFC 3261 section 18.2.2: back over the flow the request came in on).</summary>
    public SipDestination ResponseDestination { get; }

    public ServerTransactionKey Key { get; }

    public TransactionState State { get; private protected set; }

    public bool IsTerminated => State == TransactionState.Terminated;

    /// <summary>The last response sent, the one a retransmitted request gets again.</summary>
    public SipResponse? LastResponse { get; private protected set; }

    private protected TransactionTimers Timers { get; }

    /// <summary>Retransmissions only over unreliable transports (RFC 3261 section 17.2.1).</summary>
    private protected bool IsReliable => ResponseDestination.Transport.IsReliable();

    /// <summary>The machine for the request: INVITE (section 17.2.1) or non-INVITE (section 17.2.2).</summary>
    /// <exception cref="ArgumentException">An ACK, which never creates a server transaction (section 17.2.1).</exception>
    public static ServerTransaction Create(SipRequest request, SipDestination responseDestination, TransactionTimers timers)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Method == SipMethod.Invite
            ? new InviteServerTransaction(request, responseDestination, timers)
            : new NonInviteServerTransaction(request, responseDestination, timers);
    }

    /// <summary>Arms the first timers (for INVITE, the 100 Trying delay). Call once, as the request goes to the TU.</summary>
    public IReadOnlyList<TransactionAction> Start()
    {
        if (started)
        {
            throw new InvalidOperationException("The transaction has already started");
        }

        started = true;
        return OnStart();
    }

    /// <summary>
    /// A request matched to this transaction by <see cref="ServerTransactionKey"/>: a retransmission of the request,
    /// or for an INVITE transaction its ACK. It never goes to the TU.
    /// </summary>
    public abstract IReadOnlyList<TransactionAction> OnRequest(SipRequest request);

    /// <summary>A response from the TU. One that comes too late (after the final response) is discarded.</summary>
    public abstract IReadOnlyList<TransactionAction> SendResponse(SipResponse response);

    /// <summary>A timer this machine asked for has fired; a timer that no longer applies does nothing.</summary>
    public abstract IReadOnlyList<TransactionAction> OnTimer(TimerName timer);

    /// <summary>The transport could not send a response (RFC 3261 section 17.2.4): inform the TU and terminate.</summary>
    public IReadOnlyList<TransactionAction> OnTransportError()
    {
        if (IsTerminated)
        {
            return [];
        }

        State = TransactionState.Terminated;
        return [TransportFailed.Instance, Terminated.Instance];
    }

    private protected abstract IReadOnlyList<TransactionAction> OnStart();

    private protected IReadOnlyList<TransactionAction> Resend()
        => LastResponse is { } last ? [new SendMessage(last, ResponseDestination)] : [];

    private protected IReadOnlyList<TransactionAction> Terminate(TransactionAction? before = null)
    {
        State = TransactionState.Terminated;
        return before is null ? [Terminated.Instance] : [before, Terminated.Instance];
    }
}
