namespace SimpleActors.Presence.Rls;

/// <summary>A human-readable name of a list or a resource (RFC 4662 section 5.2 and 5.3), e.g. from a <c>display-name</c>.</summary>
/// <param name="Value">The name, kept exactly as written.</param>
/// <param name="Lang">The <c>xml:lang</c> in scope for the name, or null.</param>
public sealed record RlmiName(string Value, string? Lang = null);
