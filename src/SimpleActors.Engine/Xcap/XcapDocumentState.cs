using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Xcap;

/// <summary>One XCAP document: its bytes as stored, its entity tag, and how many edits made it. Also the snapshot.</summary>
/// <param name="Document">The document (null: it does not exist, or was deleted).</param>
/// <param name="ETag">The entity tag of <paramref name="Document"/> (RFC 4825 section 7.11), null with it.</param>
/// <param name="Edits">The edits applied so far, deletions included.</param>
public sealed record XcapDocumentState(string Selector, byte[]? Document, string? ETag, long Edits)
    : IEngineSerializable, IEntityState<XcapDocumentState, IXcapDocumentEvent>
{
    public static XcapDocumentState Empty(string selector) => new(selector, null, null, 0);

    /// <summary>No document: the entity passivates.</summary>
    public bool IsEmpty => Document is null;

    /// <summary>Nothing in a document expires.</summary>
    public DateTimeOffset? NextExpiry => null;

    public XcapDocumentState Apply(IXcapDocumentEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change switch
        {
            XcapDocumentEdited edited => this with { Document = edited.Document, ETag = edited.ETag, Edits = Edits + 1 },
            _ => throw new ArgumentException($"Unknown XCAP document event {change.GetType().Name}.", nameof(change)),
        };
    }

    public bool Equals(XcapDocumentState? other) =>
        other is not null && Selector == other.Selector && ETag == other.ETag && Edits == other.Edits
        && (Document is null ? other.Document is null : other.Document is not null && Document.AsSpan().SequenceEqual(other.Document));

    public override int GetHashCode() => HashCode.Combine(Selector, ETag, Edits);
}
