namespace SimpleActors.Xcap.Rls;

/// <summary>
/// What <see cref="ResourceListResolver"/> makes of a list: <see cref="ResolvedList"/>, or <see cref="TooManyListEntries"/>
/// when the list has more distinct entries than allowed.
/// </summary>
/// <param name="Problems">What was left out and why, in the order met.</param>
/// <param name="DocumentsRead">The documents asked of the fetch function, in order, each once. A caller that fetches
/// asynchronously can resolve once with what it holds, fetch the documents named here that it lacked, and resolve again.</param>
public abstract record ListResolution(IReadOnlyList<ListProblem> Problems, IReadOnlyList<XcapDocumentSelector> DocumentsRead);
