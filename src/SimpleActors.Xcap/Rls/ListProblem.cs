namespace SimpleActors.Xcap.Rls;

/// <summary>Something left out while resolving a list, for the server's log.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Reference">The reference or entry URI as written.</param>
/// <param name="Detail">A short explanation.</param>
public sealed record ListProblem(ListProblemKind Kind, string Reference, string Detail);
