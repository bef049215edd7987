using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transactions;

/// <summary>
/// A non-INVITE server transaction in the Completed state over an unreliable transport, kept in the least memory
/// that state needs. RFC 3261 section 17.2.2: in Completed the transaction only answers each retransmission of the
/// request with its final response again, until Timer J (64*T1, 32 s) ends it. So the layer keeps the final
/// response as the bytes it sent (in a shared block, <see cref="ResponseBlocks"/>), where they went and the
/// merged-request entry to release — not the machine, the
/// parsed request and response, their lock and timer table (about 4 KiB, ten times this). At thousands of requests
/// a second, 32 s of them are most of what a node holds.
/// </summary>
internal sealed class CompletedServerTransaction(
    TransactionLayer layer, ServerTransactionKey key, StoredResponse finalResponse, SipDestination destination, MergedRequestKey? mergedKey)
    : WaitTimer
{
#pragma warning disable SA1401, CA1051 // A field, so that ResponseBlocks can mark it released by reference under its lock.
    /// <summary>The final response as sent, resent unchanged for every retransmission (in a shared block).</summary>
    internal StoredResponse FinalResponse = finalResponse;
#pragma warning restore SA1401, CA1051

    public ServerTransactionKey Key { get; } = key;

    public SipDestination Destination { get; } = destination;

    /// <summary>The transaction's entry in the merged-request table (RFC 3261 section 8.2.2.2), released with it.</summary>
    public MergedRequestKey? MergedKey { get; } = mergedKey;

    /// <summary>Timer J: the transaction is forgotten.</summary>
    protected override void Expired() => layer.EndCompleted(this);
}
