using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Transactions;

/// <summary>A client transaction (RFC 3261 section 17.1); see <see cref="Transaction"/>.</summary>
public abstract class ClientTransaction : Transaction
{
    private protected ClientTransaction(SipRequest request, SipDestination destination, TransactionTimers timers, TransactionState initial)
        : base(request, destination, timers, initial)
    {
        Destination = destination;
        Key = ClientTransactionKey.For(request);
    }

    /// <summary>Where the request (and its retransmissions, and an ACK for a non-2xx) goes.</summary>
    public SipDestination Destination { get; }

    public ClientTransactionKey Key { get; }

    /// <summary>The machine for the request: INVITE (section 17.1.1) or non-INVITE (section 17.1.2).</summary>
    /// <exception cref="ArgumentException">An ACK, which is no transaction of its own (section 17).</exception>
    public static ClientTransaction Create(SipRequest request, SipDestination destination, TransactionTimers timers)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Method == SipMethod.Invite
            ? new InviteClientTransaction(request, destination, timers)
            : new NonInviteClientTransaction(request, destination, timers);
    }

    /// <summary>A response matched to this transaction by <see cref="ClientTransactionKey"/>.</summary>
    public abstract IReadOnlyList<TransactionAction> OnResponse(SipResponse response);
}
