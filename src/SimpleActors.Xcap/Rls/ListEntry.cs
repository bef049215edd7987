namespace SimpleActors.Xcap.Rls;

/// <summary>One resource of a resolved list: a canonical URI (RFC 4826 section 5) and the entry's display name.</summary>
/// <param name="Uri">The entry URI in <see cref="Usages.UriCanonicalForm"/>: for sip/sips the scheme and host lower-case,
/// parameters sorted, escapes of unreserved characters decoded, the scheme kept.</param>
/// <param name="DisplayName">The entry's (or entry-ref's) <c>display-name</c>, trimmed, or null.</param>
public sealed record ListEntry(string Uri, string? DisplayName);
