namespace SimpleActors.Presence.Rls;

/// <summary>One resource of a list notification: its URI, names and back-end subscriptions (RFC 4662 section 5.3).</summary>
/// <param name="Uri">The resource URI as the resolved list gives it.</param>
/// <param name="Names">Its names (e.g. the entry's display-name).</param>
/// <param name="Instances">Its back-end subscriptions; none when no subscription exists (yet) for it.</param>
public sealed record RlsNotifyResource(string Uri, IReadOnlyList<RlmiName> Names, IReadOnlyList<RlsNotifyInstance> Instances);
