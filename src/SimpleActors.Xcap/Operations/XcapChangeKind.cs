namespace SimpleActors.Xcap.Operations;

/// <summary>What an operation did to the document, for the caller to persist.</summary>
public enum XcapChangeKind
{
    /// <summary>Nothing changed (a read, an error, or a write that left the bytes as they were).</summary>
    None = 0,

    /// <summary>The document was created or its bytes changed.</summary>
    Written = 1,

    /// <summary>The document was deleted.</summary>
    Deleted = 2,
}
