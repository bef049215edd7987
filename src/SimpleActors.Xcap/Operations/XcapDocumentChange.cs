namespace SimpleActors.Xcap.Operations;

/// <summary>The change an operation asks the caller to persist: none, the document's new bytes, or its deletion.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Content">For <see cref="XcapChangeKind.Written"/>, the whole new document; otherwise empty.</param>
public sealed record XcapDocumentChange(XcapChangeKind Kind, ReadOnlyMemory<byte> Content)
{
    /// <summary>Nothing to persist.</summary>
    public static XcapDocumentChange None { get; } = new(XcapChangeKind.None, ReadOnlyMemory<byte>.Empty);

    /// <summary>The document is gone.</summary>
    public static XcapDocumentChange Deleted { get; } = new(XcapChangeKind.Deleted, ReadOnlyMemory<byte>.Empty);

    /// <summary>The document is now <paramref name="content"/>.</summary>
    public static XcapDocumentChange Written(ReadOnlyMemory<byte> content) => new(XcapChangeKind.Written, content);
}
