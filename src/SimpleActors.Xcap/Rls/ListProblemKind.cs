namespace SimpleActors.Xcap.Rls;

/// <summary>Why part of a list was left out while resolving it.</summary>
public enum ListProblemKind
{
    /// <summary>An entry-ref, external anchor or resource-list that is malformed, outside our XCAP root, names a missing
    /// document or selects no single element of the right kind.</summary>
    UnresolvableReference,

    /// <summary>A reference to a list already being expanded in the same chain, or an entry naming the service itself
    /// (RFC 4662 section 7.4).</summary>
    Loop,

    /// <summary>Lists and references nested deeper than the bound.</summary>
    TooDeep,

    /// <summary>An entry without a URI.</summary>
    BadEntry,
}
