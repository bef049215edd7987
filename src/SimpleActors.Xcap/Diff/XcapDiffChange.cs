namespace SimpleActors.Xcap.Diff;

/// <summary>What happened to a document, as its etags in an xcap-diff <c>&lt;document&gt;</c> tell (RFC 5874 section 3).</summary>
public enum XcapDiffChange
{
    /// <summary>Only new-etag: the document was created (or, in a first notification, exists).</summary>
    Created,

    /// <summary>Only previous-etag: the document was deleted.</summary>
    Deleted,

    /// <summary>Both etags: the document was modified.</summary>
    Modified,
}
