namespace SimpleActors.Engine.Subscription;

/// <summary>
/// What an xcap-diff subscription watches (RFC 5875 section 4.2): the XCAP root its resource list named, the document
/// selectors of the documents (or, ending in <c>/</c>, the folders: every document below) it listed that the subscriber
/// may read, and the <c>diff-processing</c> it asked for (RFC 5875 section 4.3; null: the default).
/// </summary>
public sealed record WatchedDocuments(string Root, IReadOnlyList<string> Selectors, string? DiffProcessing)
{
    /// <summary>RFC 5875 section 4.3: send the patches between consecutive versions.</summary>
    public const string XcapPatching = "xcap-patching";

    /// <summary>RFC 5875 section 4.3: one patch may span several versions.</summary>
    public const string Aggregate = "aggregate";

    /// <summary>RFC 5875 section 4.3, the default: only that a document changed, with its etags.</summary>
    public const string NoPatching = "no-patching";

    /// <summary>Whether the subscriber asked for patches (xcap-patching or aggregate).</summary>
    public bool WantsPatches => DiffProcessing is XcapPatching or Aggregate;

    /// <summary>Whether <paramref name="selector"/> is one of the watched documents, or lies in a watched folder.</summary>
    public bool Covers(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        foreach (var watched in Selectors)
        {
            if (watched.EndsWith('/') ? selector.StartsWith(watched, StringComparison.Ordinal) : selector == watched)
            {
                return true;
            }
        }

        return false;
    }

    public bool Equals(WatchedDocuments? other) =>
        other is not null && Root == other.Root && DiffProcessing == other.DiffProcessing && Selectors.SequenceEqual(other.Selectors);

    public override int GetHashCode() => HashCode.Combine(Root, DiffProcessing, Selectors.Count);
}
