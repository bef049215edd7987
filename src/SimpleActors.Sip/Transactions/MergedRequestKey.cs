using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Transactions;

/// <summary>
/// The From tag, Call-ID and CSeq a UAS compares to detect a merged request (RFC 3261 section 8.2.2.2): the
/// same request reaching it twice by different paths (a forking proxy upstream), each copy with its own branch.
/// </summary>
public sealed record MergedRequestKey(string FromTag, string CallId, uint CSeqNumber, string CSeqMethod)
{
    /// <summary>
    /// The key of a request outside a dialog (no To tag) with a From tag; null otherwise: section 8.2.2.2 only
    /// applies to requests without a To tag, and an RFC 2543 request without a From tag cannot be compared.
    /// ACK is never answered, so it has no key.
    /// </summary>
    public static MergedRequestKey? For(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == SipMethod.Ack || request.To?.Tag is not null)
        {
            return null;
        }

        return request.From?.Tag is { } fromTag && request.CallId is { } callId && request.CSeq is { } cseq
            ? new MergedRequestKey(fromTag, callId, cseq.Number, cseq.Method)
            : null;
    }
}
