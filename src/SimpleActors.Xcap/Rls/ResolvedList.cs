namespace SimpleActors.Xcap.Rls;

/// <summary>A list resolved to its resources (RFC 4826 section 4.5).</summary>
/// <param name="DisplayName">The list's own display-name (for the RLMI <c>name</c>), or null.</param>
/// <param name="Packages">The event packages the service allows (<c>presence</c> when it names none); for a
/// request-contained list, <c>presence</c>.</param>
/// <param name="Entries">The distinct resources in document order, nested lists and references flattened; the first of
/// equal URIs wins.</param>
public sealed record ResolvedList(
    string? DisplayName,
    IReadOnlyList<string> Packages,
    IReadOnlyList<ListEntry> Entries,
    IReadOnlyList<ListProblem> Problems,
    IReadOnlyList<XcapDocumentSelector> DocumentsRead) : ListResolution(Problems, DocumentsRead);
