using SimpleActors.Sip.Transactions;

namespace SimpleActors.Edge.Transactions;

/// <summary>
/// A non-INVITE client transaction in the Completed state over an unreliable transport: RFC 3261 section 17.1.2.2
/// only absorbs retransmissions of the final response there until Timer K (T4, 5 s). Its key in the layer's table
/// is all it needs; the request, the response and the machine are let go when the response reaches the caller.
/// </summary>
internal sealed class CompletedClientTransaction(TransactionLayer layer, ClientTransactionKey key) : WaitTimer
{
    public ClientTransactionKey Key { get; } = key;

    /// <summary>Timer K: the completed client transaction is forgotten.</summary>
    protected override void Expired() => layer.EndCompleted(this);
}
