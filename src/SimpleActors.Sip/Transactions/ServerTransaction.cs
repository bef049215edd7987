using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Transactions;

/// <summary>
/// A server transaction (RFC 3261 section 17.2); see <see cref="Transaction"/>. The request that created it goes
/// to the TU by the runner; the TU's responses come in through <see cref="SendResponse"/>.
/// </summary>
public abstract class ServerTransaction : Transaction
{
    private protected ServerTransaction(SipRequest request, SipDestination responseDestination, TransactionTimers timers, TransactionState initial)
        : base(request, responseDestination, timers, initial)
    {
        ResponseDestination = responseDestination;
        Key = ServerTransactionKey.For(request);
    }

    /// <summary>Where responses go (RFC 3261 section 18.2.2: back over the flow the request came in on).</summary>
    public SipDestination ResponseDestination { get; }

    public ServerTransactionKey Key { get; }

    /// <summary>The last response sent, the one a retransmitted request gets again.</summary>
    public SipResponse? LastResponse { get; private protected set; }

    /// <summary>The machine for the request: INVITE (section 17.2.1) or non-INVITE (section 17.2.2).</summary>
    /// <exception cref="ArgumentException">An ACK, which never creates a server transaction (section 17.2.1).</exception>
    public static ServerTransaction Create(SipRequest request, SipDestination responseDestination, TransactionTimers timers)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Method == SipMethod.Invite
            ? new InviteServerTransaction(request, responseDestination, timers)
            : new NonInviteServerTransaction(request, responseDestination, timers);
    }

    /// <summary>
    /// A request matched to this transaction by <see cref="ServerTransactionKey"/>: a retransmission of the request,
    /// or for an INVITE transaction its ACK. It never goes to the TU.
    /// </summary>
    public abstract IReadOnlyList<TransactionAction> OnRequest(SipRequest request);

    /// <summary>A response from the TU. One that comes too late (after the final response) is discarded.</summary>
    public abstract IReadOnlyList<TransactionAction> SendResponse(SipResponse response);

    private protected IReadOnlyList<TransactionAction> Resend()
        => LastResponse is { } last ? [new SendMessage(last, ResponseDestination)] : [];
}
