using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Transactions;

/// <summary>
/// What client and server transactions share (RFC 3261 section 17): the request, the state, the timer values,
/// a single start, the transport-error rule and termination. A pure state machine: each input returns the
/// actions its runner must take, in order; time is never read here, timers are asked for with
/// <see cref="StartTimer"/> and come back through <see cref="OnTimer"/>. Not thread-safe: a runner feeds one
/// input at a time. On <see cref="Terminated"/> the runner cancels its timers and forgets it.
/// </summary>
public abstract class Transaction
{
    private readonly SipDestination sendsTo;
    private bool started;

    private protected Transaction(SipRequest request, SipDestination sendsTo, TransactionTimers timers, TransactionState initial)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sendsTo);
        ArgumentNullException.ThrowIfNull(timers);
        Request = request;
        this.sendsTo = sendsTo;
        Timers = timers;
        State = initial;
    }

    /// <summary>The request that created the transaction.</summary>
    public SipRequest Request { get; }

    public TransactionState State { get; private protected set; }

    public bool IsTerminated => State == TransactionState.Terminated;

    private protected TransactionTimers Timers { get; }

    /// <summary>Retransmissions only over unreliable transports (RFC 3261 sections 17.1.1.2, 17.1.2.2, 17.2.1).</summary>
    private protected bool IsReliable => sendsTo.Transport.IsReliable();

    /// <summary>Arms the first timers (a client also sends its request). Call once.</summary>
    public IReadOnlyList<TransactionAction> Start()
    {
        if (started)
        {
            throw new InvalidOperationException("The transaction has already started");
        }

        started = true;
        return OnStart();
    }

    /// <summary>A timer this machine asked for has fired; a timer that no longer applies does nothing.</summary>
    public abstract IReadOnlyList<TransactionAction> OnTimer(TimerName timer);

    /// <summary>The transport could not send (RFC 3261 sections 17.1.4, 17.2.4): inform the TU and terminate.</summary>
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

    /// <summary>Terminated, with an optional action before it.</summary>
    private protected IReadOnlyList<TransactionAction> Terminate(TransactionAction? before = null)
    {
        State = TransactionState.Terminated;
        return before is null ? [Terminated.Instance] : [before, Terminated.Instance];
    }
}
