namespace SimpleActors.Presence.Rules;

/// <summary>What conditions are evaluated against: one watcher's request at one instant.</summary>
/// <param name="Watcher">The authenticated identity, normalised; null when unauthenticated (anonymous).</param>
/// <param name="WatcherDomain">The identity's domain, or null.</param>
/// <param name="Sphere">The presentity's current sphere, or null when unknown.</param>
/// <param name="Now">The instant of the evaluation.</param>
/// <param name="ExternalLists">Resolves OMA external lists, or null.</param>
internal sealed record RuleContext(
    string? Watcher,
    string? WatcherDomain,
    string? Sphere,
    DateTimeOffset Now,
    ExternalListMembership? ExternalLists)
{
    /// <summary>Whether an identity or external-list condition of some rule names the watcher (OMA other-identity); set by the evaluator.</summary>
    public bool Listed { get; init; }
}
