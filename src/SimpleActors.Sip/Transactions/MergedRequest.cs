using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Transactions;

/// <summary>Merged-request detection (RFC 3261 section 8.2.2.2).</summary>
public static class MergedRequest
{
    /// <summary>
    /// True if a request without a To tag has the From tag, Call-ID and CSeq of an ongoing server transaction
    /// but does not belong to it (section 17.2.3): it is a copy that came by another path and is answered with
    /// 482 (Loop Detected). <paramref name="ongoing"/> maps the <see cref="MergedRequestKey"/> of each ongoing
    /// request to its transaction's key; <paramref name="key"/> is the new request's transaction key.
    /// </summary>
    public static bool IsMerged(IReadOnlyDictionary<MergedRequestKey, ServerTransactionKey> ongoing, SipRequest request, ServerTransactionKey key)
    {
        ArgumentNullException.ThrowIfNull(ongoing);
        ArgumentNullException.ThrowIfNull(key);
        return MergedRequestKey.For(request) is { } merged
               && ongoing.TryGetValue(merged, out var existing)
               && existing != key;
    }
}
