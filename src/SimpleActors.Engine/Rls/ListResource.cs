namespace SimpleActors.Engine.Rls;

/// <summary>
/// One resource of a resource list (RFC 4662 section 3): its URI as the list names it (canonical, RFC 4826 section 5)
/// and its display name, if the list gives one (RFC 4826 section 3.2, shown in the RLMI <c>name</c>, RFC 4662 section 5.4).
/// </summary>
public sealed record ListResource(string Uri, string? Name = null);
