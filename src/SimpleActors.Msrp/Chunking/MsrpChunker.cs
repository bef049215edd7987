using SimpleActors.Msrp.Message;

namespace SimpleActors.Msrp.Chunking;

/// <summary>
/// Cuts an outgoing message into SEND chunks (RFC 4975 sections 5.1 and 7.1.1), ends a chunk in progress early when the
/// sender interrupts it, and aborts a message. Pure: the bodies are slices of the message's body, and the only input
/// besides the message is where transaction ids come from.
/// </summary>
/// <remarks>
/// Every chunk carries the message's Message-ID, a Byte-Range <c>start-end/total</c> (1-based, inclusive), the report
/// choices, and a Content-Type when it has a body; its end-line says <c>+</c> when bytes follow and <c>$</c> on the
/// last. A chunk over 2048 bytes is written with <c>end</c> = <c>*</c>, so that the sender may cut it short with
/// <c>+</c> and go on in a new chunk (<see cref="End"/>). Each chunk gets a fresh transaction id whose end-line does
/// not occur in its body (section 7.1).
/// </remarks>
public static class MsrpChunker
{
    // Enough tries for any honest source of random ids; a source that keeps proposing an id its body holds is a bug.
    private const int TransactionIdAttempts = 1000;

    /// <summary>
    /// Every chunk of <paramref name="message"/> in order, each with at most <paramref name="maxChunkSize"/> body bytes;
    /// a bodiless message is one bodiless SEND. <paramref name="transactionIds"/> proposes ids (by default
    /// <see cref="MsrpIdentifiers.NewTransactionId()"/>); one whose end-line a chunk's body holds is passed over.
    /// </summary>
    public static IReadOnlyList<MsrpRequest> Chunks(MsrpOutgoingMessage message, int maxChunkSize, Func<string>? transactionIds = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChunkSize, 1);
        var chunks = new List<MsrpRequest>();
        long? next = 1;
        while (next is { } start)
        {
            var chunk = Chunk(message, start, maxChunkSize, transactionIds);
            chunks.Add(chunk);
            next = End(chunk, chunk.Body.Length).NextStart;
        }

        return chunks;
    }

    /// <summary>
    /// The chunk that starts at byte <paramref name="start"/> (from 1) of the message: the next
    /// <paramref name="maxChunkSize"/> bytes or fewer. Its Byte-Range end is <c>*</c> when it holds more than 2048 bytes
    /// (RFC 4975 section 7.1.1: such a chunk must be interruptible), the byte position otherwise.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A start outside the body (for a bodiless message, other than 1).</exception>
    public static MsrpRequest Chunk(MsrpOutgoingMessage message, long start, int maxChunkSize, Func<string>? transactionIds = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChunkSize, 1);
        var total = message.Total;
        if (start < 1 || (start > total && !(total == 0 && start == 1)))
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"A chunk starts within the body, 1 to {Math.Max(total, 1)}");
        }

        var length = (int)Math.Min(maxChunkSize, total - start + 1);
        var body = message.Body.Slice((int)(start - 1), length);
        var end = start + length - 1;

        // RFC 4975 section 7.1.1: a chunk over 2048 octets may be interrupted, so it does not promise its end.
        var range = new MsrpByteRange(start, length > MsrpProtocol.InterruptibleChunkSize ? null : end, total);
        var flag = end == total ? MsrpContinuation.Complete : MsrpContinuation.More;
        return Build(message, range, body, flag, transactionIds);
    }

    /// <summary>
    /// How the chunk in progress ends when <paramref name="written"/> of its body bytes went out
    /// (RFC 4975 section 7.1.1): all of them, with the flag it was built with and the next chunk's start when it was
    /// <c>+</c>; fewer, with <c>+</c> and the next chunk starting at the first byte not written; and with
    /// <paramref name="abort"/>, <c>#</c> and no next chunk (the message is given up, as after a 413, section 10.5).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// Fewer bytes than the body without <paramref name="abort"/>, for a chunk that promised its end: only a chunk
    /// whose Byte-Range end is <c>*</c> may be cut short and continued.
    /// </exception>
    public static MsrpChunkEnd End(MsrpRequest chunk, int written, bool abort = false)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentOutOfRangeException.ThrowIfNegative(written);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(written, chunk.Body.Length);

        // RFC 4975 section 7.3.1: a SEND without Byte-Range is a whole message, from byte 1.
        var range = chunk.ByteRange;
        var start = range?.Start ?? 1;
        if (abort)
        {
            return new MsrpChunkEnd(MsrpContinuation.Abort, written, null);
        }

        if (written == chunk.Body.Length)
        {
            return new MsrpChunkEnd(chunk.Continuation, written, chunk.Continuation == MsrpContinuation.More ? start + written : null);
        }

        if (range is not { End: null })
        {
            throw new InvalidOperationException("Only a chunk whose Byte-Range end is * can be cut short and continued (RFC 4975 section 7.1.1)");
        }

        // RFC 4975 section 7.1.1: an interrupted chunk ends with "+", and the next one starts at the first byte not sent.
        return new MsrpChunkEnd(MsrpContinuation.More, written, start + written);
    }

    /// <summary>
    /// The chunk as the receiver reads it after <paramref name="end"/>: the same start line and headers, the first
    /// <see cref="MsrpChunkEnd.Written"/> body bytes and the end-line's flag. A connection that streams the chunk writes
    /// these bytes itself; a relay that re-chunks, or a test, uses this frame.
    /// </summary>
    public static MsrpRequest AsWritten(MsrpRequest chunk, MsrpChunkEnd end)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentOutOfRangeException.ThrowIfNegative(end.Written);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end.Written, chunk.Body.Length);
        var written = new MsrpRequest(chunk.TransactionId, chunk.Method, chunk.ToPath, chunk.FromPath)
        {
            Body = chunk.Body[..end.Written],
            Continuation = end.Flag,
        };
        foreach (var header in chunk.Headers)
        {
            written.Headers.Add(header);
        }

        return written;
    }

    /// <summary>
    /// A bodiless SEND that aborts <paramref name="message"/> (<c>#</c>) when no chunk of it is in progress, its
    /// Byte-Range empty at <paramref name="nextStart"/>, the first byte not sent (RFC 4975 sections 7.1.1 and 10.5:
    /// after a 413 the sender sends no more of the message).
    /// </summary>
    public static MsrpRequest Abort(MsrpOutgoingMessage message, long nextStart, Func<string>? transactionIds = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (nextStart < 1 || nextStart > message.Total + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(nextStart), nextStart, $"The next start is 1 to {message.Total + 1}");
        }

        return Build(message, new MsrpByteRange(nextStart, nextStart - 1, message.Total), ReadOnlyMemory<byte>.Empty, MsrpContinuation.Abort, transactionIds);
    }

    private static MsrpRequest Build(MsrpOutgoingMessage message, MsrpByteRange range, ReadOnlyMemory<byte> body, MsrpContinuation flag, Func<string>? transactionIds)
    {
        var request = new MsrpRequest(NewTransactionId(body.Span, transactionIds), MsrpMethod.Send, message.ToPath, message.FromPath)
        {
            Body = body,
            Continuation = flag,
        };

        // The order of the RFC 4975 section 11 examples: Message-ID, Byte-Range, the report choices, Content-Type.
        request.MessageId = message.MessageId;
        request.ByteRange = range;
        request.SuccessReport = message.SuccessReport;
        request.FailureReport = message.FailureReport;

        // RFC 4975 section 7.1.1: Content-Type on every chunk with a body, none on a bodiless SEND.
        request.ContentType = body.IsEmpty ? null : message.ContentType;
        return request;
    }

    // RFC 4975 section 7.1: the end-line must not occur in the body; a proposed id whose end-line does is passed over.
    private static string NewTransactionId(ReadOnlySpan<byte> body, Func<string>? transactionIds)
    {
        if (transactionIds is null)
        {
            return MsrpIdentifiers.NewTransactionId(body);
        }

        for (var attempt = 0; attempt < TransactionIdAttempts; attempt++)
        {
            var id = transactionIds();
            if (!MsrpMessageWriter.BodyHoldsEndLine(body, id))
            {
                return id;
            }
        }

        throw new InvalidOperationException("The transaction id source proposes only ids whose end-line the body holds");
    }
}
