using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Transactions;

/// <summary>
/// A client transaction (RFC 3261 section 17.1): a pure state machine. Each input returns the actions its
/// runner must take, in order; time is never read here, timers are asked for with <see cref="StartTimer"/>
/// and come back through <see cref="OnTimer"/>. Not thread-safe: a runner feeds one input at a time.
/// On <see cref="Terminated"/> the runner cancels every timer of the transaction and forgets it.
/// </summary>
public abstract class ClientTransaction
{
    private bool started;

    private protected ClientTransaction(SipRequest request, SipDestination destination, TransactionTimers timers, TransactionState initial)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(timers);
        Request = request;
        Destination = destination;
        Timers = timers;
        Key = ClientTransactionKey.For(request);
        State = initial;
    }

    /// <summary>The request that created the transaction.</summary>
    public SipRequest Request { get; }

    /// <summary>Where the request (and its retransmissions, and an ACK for a non-2xx) goes.</summary>
    public SipDestination Destination { get; }

    public ClientTransactionKey Key { get; }

    public TransactionState State { get; private protected set; }

    public bool IsTerminated => State == TransactionState.Terminated;

    private protected TransactionTimers Timers { get; }

    /// <summary>Retransmissions only over unreliable transports (RFC 3261 sections 17.1.1.2, 17.1.2.2).</summary>
    private protected bool IsReliable => Destination.Transport.IsReliable();

    /// <summary>The machine for the request: INVITE (section 17.1.1) or non-INVITE (section 17.1.2).</summary>
    /// <exception cref="ArgumentException">An ACK, which is no transaction of its own (section 17).</exception>
    public static ClientTransaction Create(SipRequest request, SipDestination destination, TransactionTimers timers)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Method == SipMethod.Invite
            ? new InviteClientTransaction(request, destination, timers)
            : new NonInviteClientTransaction(request, destination, timers);
    }

    /// <summary>Sends the request and arms the first timers. Call once.</summary>
    public IReadOnlyList<TransactionAction> Start()
    {
        if (started)
        {
            throw new InvalidOperationException("The transaction has already started");
        }

        started = true;
        return OnStart();
    }

    /// <summary>A response matched to this transaction by <see cref="ClientTransactionKey"/>.</summary>
    public abstract IReadOnlyList<TransactionAction> OnResponse(SipResponse response);

    /// <summary>A timer this machine asked for has fired; a timer that no longer applies does nothing.</summary>
    public abstract IReadOnlyList<TransactionAction> OnTimer(TimerName timer);

    /// <summary>The transport could not send (RFC 3261 sections 17.1.1.2, 17.1.2.2, 17.1.4): inform the TU and terminate.</summary>
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

    /// <summary>Terminated with an optional action before it.</summary>
    private protected IReadOnlyList<TransactionAction> Terminate(TransactionAction? before = null)
    {
        State = TransactionState.Terminated;
        return before is null ? [Terminated.Instance] : [before, Terminated.Instance];
    }
}
