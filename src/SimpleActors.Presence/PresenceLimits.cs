namespace SimpleActors.Presence;

/// <summary>
/// What the presence document readers accept. The size is checked before any XML is read; depth and
/// element count are checked element by element while reading, so a hostile document is refused
/// before it is built.
/// </summary>
public sealed class PresenceLimits
{
    /// <summary>The limits used when a caller passes none.</summary>
    public static PresenceLimits Default { get; } = new();

    /// <summary>The whole document in bytes (a PUBLISH or NOTIFY body).</summary>
    public int MaxDocumentBytes { get; init; } = 65536;

    /// <summary>Element nesting; the root element is at depth 1.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Elements in the whole document, the root included.</summary>
    public int MaxElements { get; init; } = 2000;

    internal void ThrowIfInvalid()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDocumentBytes, 1, nameof(MaxDocumentBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDepth, 1, nameof(MaxDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxElements, 1, nameof(MaxElements));
    }
}
