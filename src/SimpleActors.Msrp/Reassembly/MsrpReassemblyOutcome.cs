namespace SimpleActors.Msrp.Reassembly;

/// <summary>
/// What <see cref="MsrpReassembly.Receive"/> made of one SEND: its bytes were kept, it completed its message, it
/// aborted its message, or it was refused with the status to answer (RFC 4975 section 7.3.1). The caller decides from
/// this and <see cref="Transactions.MsrpResponsePolicy"/> which response to send.
/// </summary>
public abstract record MsrpReassemblyOutcome
{
    private MsrpReassemblyOutcome()
    {
    }

    /// <summary>The chunk's bytes are kept; the message is not complete yet (200).</summary>
    /// <param name="MessageId">The message the chunk belongs to.</param>
    /// <param name="Received">The bytes of the message held so far, overlaps counted once.</param>
    /// <param name="Total">The message's size once a chunk has told it; null while unknown.</param>
    public sealed record Accepted(string MessageId, long Received, long? Total) : MsrpReassemblyOutcome;

    /// <summary>
    /// The message is whole (200): every byte from 1 to the total is there and its last chunk (<c>$</c>) has arrived.
    /// An empty body is the bodiless SEND of RFC 4975 section 5.4, nothing to show a user.
    /// </summary>
    /// <param name="MessageId">The message's Message-ID.</param>
    /// <param name="ContentType">The Content-Type its chunks carried; null for a bodiless SEND.</param>
    /// <param name="Body">The message's bytes, in order.</param>
    public sealed record Complete(string MessageId, string? ContentType, ReadOnlyMemory<byte> Body) : MsrpReassemblyOutcome;

    /// <summary>The sender aborted the message (<c>#</c>, RFC 4975 section 7.1.1); whatever was held of it is dropped (200).</summary>
    public sealed record Aborted(string MessageId) : MsrpReassemblyOutcome;

    /// <summary>
    /// The chunk is refused, and the message with it: its bytes are dropped and its later chunks get the same status,
    /// until the sender aborts it with <c>#</c>. 400 for a chunk that contradicts the message or the rules of RFC 4975
    /// section 7.1.1; 413 for a message over a limit (section 10.5).
    /// </summary>
    /// <param name="MessageId">The message; null when the SEND had no Message-ID.</param>
    /// <param name="StatusCode">400 or 413.</param>
    /// <param name="Reason">Short enough for a response's comment.</param>
    public sealed record Refused(string? MessageId, int StatusCode, string Reason) : MsrpReassemblyOutcome;
}
