namespace SimpleActors.Presence.Rules;

/// <summary>
/// Answers OMA's <c>external-list</c> condition: whether <paramref name="watcher"/> is an entry of
/// the resource list that <paramref name="listUri"/> (an <c>entry/@anc</c>, an XCAP URI of a
/// <c>resource-lists</c> list) names. The server resolves lists from its XCAP store; without a resolver
/// an external-list condition never matches.
/// </summary>
/// <param name="listUri">The list's URI as written in the rule.</param>
/// <param name="watcher">The watcher's authenticated identity, normalised (lower-case scheme and host).</param>
public delegate bool ExternalListMembership(string listUri, string watcher);
