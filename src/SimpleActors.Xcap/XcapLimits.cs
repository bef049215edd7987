namespace SimpleActors.Xcap;

/// <summary>
/// What the XCAP server accepts. The body size is checked before any XML is read; depth, element count and attributes per
/// element are checked element by element while reading, so a hostile document is refused before a tree is built. Every
/// limit applies to the document as it would be after the change, so an element PUT cannot grow a document past them.
/// </summary>
public sealed class XcapLimits
{
    /// <summary>The limits used when a caller passes none.</summary>
    public static XcapLimits Default { get; } = new();

    /// <summary>A whole document (or a PUT body) in bytes; default 1 MiB. Larger: 413.</summary>
    public int MaxDocumentBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Element nesting; the root element is at depth 1. Default 64: our choice, deeper than any document of the SIMPLE
    /// usages (pres-rules, the deepest, nests about 8) and shallow enough that recursive code over the tree is safe.
    /// </summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Elements in the whole document, the root included; default 20,000.</summary>
    public int MaxElements { get; init; } = 20_000;

    /// <summary>Attributes on one element, namespace declarations included; default 64.</summary>
    public int MaxAttributesPerElement { get; init; } = 64;

    /// <summary>The request URI (path and query) in bytes; default 8 KiB. Longer: 414.</summary>
    public int MaxUriLength { get; init; } = 8 * 1024;

    internal void ThrowIfInvalid()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDocumentBytes, 1, nameof(MaxDocumentBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDepth, 1, nameof(MaxDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxElements, 1, nameof(MaxElements));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttributesPerElement, 1, nameof(MaxAttributesPerElement));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxUriLength, 1, nameof(MaxUriLength));
    }
}
