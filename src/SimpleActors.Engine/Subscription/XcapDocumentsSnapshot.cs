namespace SimpleActors.Engine.Subscription;

/// <summary>
/// The owner's XCAP documents as its presentity knows them (selector and entity tag), sent to an xcap-diff subscription
/// that starts watching (through the Subscription region, ahead of every later <see cref="XcapDocumentsChanged"/>).
/// </summary>
public sealed record XcapDocumentsSnapshot(string SubscriptionId, string Presentity, IReadOnlyList<XcapDocumentVersion> Documents) : ISubscriptionMessage;

/// <summary>Documents of the owner changed: each with the entity tag before and after, and the patch between them when one was made.</summary>
public sealed record XcapDocumentsChanged(string SubscriptionId, string Presentity, IReadOnlyList<XcapDocumentVersion> Documents) : ISubscriptionMessage;

/// <summary>
/// One version of one document: <paramref name="PreviousETag"/> null when it was created, <paramref name="ETag"/> null
/// when it was deleted; <paramref name="Patch"/> the RFC 5261 operations from the previous version (each a standalone
/// element), empty when none was made.
/// </summary>
public sealed record XcapDocumentVersion(string Selector, string? PreviousETag, string? ETag, IReadOnlyList<string> Patch)
{
    public bool Equals(XcapDocumentVersion? other) =>
        other is not null && Selector == other.Selector && PreviousETag == other.PreviousETag && ETag == other.ETag && Patch.SequenceEqual(other.Patch);

    public override int GetHashCode() => HashCode.Combine(Selector, PreviousETag, ETag);
}
