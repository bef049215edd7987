namespace SimpleActors.Xcap.Rls;

/// <summary>The list has more than <see cref="MaxEntries"/> distinct resources: refuse it (e.g. 413 for a request-contained
/// list, RFC 5367; a stored list the server may refuse or serve up to the cap, as its policy says).</summary>
public sealed record TooManyListEntries(
    int MaxEntries,
    IReadOnlyList<ListProblem> Problems,
    IReadOnlyList<XcapDocumentSelector> DocumentsRead) : ListResolution(Problems, DocumentsRead);
