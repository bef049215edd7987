namespace SimpleActors.Presence.Rules;

/// <summary>
/// <c>identity</c> (RFC 4745 section 7.1): matches an authenticated watcher named by one of its
/// children. An unauthenticated watcher matches no identity condition (RFC 5025 section 3.1.1).
/// </summary>
/// <param name="ones">The <c>one/@id</c> values, normalised (section 7.1.2).</param>
/// <param name="manys">The <c>many</c> children (section 7.1.3); a child this server cannot read is left out, so it grants nothing.</param>
internal sealed class IdentityCondition(IReadOnlyList<string> ones, IReadOnlyList<IdentityCondition.ManyIdentities> manys) : RuleCondition
{
    public override bool Matches(RuleContext context) => Names(context);

    public override bool Names(RuleContext context)
    {
        if (context.Watcher is not { } watcher)
        {
            return false;
        }

        foreach (var one in ones)
        {
            if (string.Equals(one, watcher, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var many in manys)
        {
            if (many.Matches(watcher, context.WatcherDomain))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>many</c> (RFC 4745 section 7.1.3): every authenticated identity, or every one of a domain,
    /// except the <c>except</c> identities and domains.
    /// </summary>
    /// <param name="Domain">The <c>domain</c> attribute in lower case, or null for any domain.</param>
    /// <param name="ExceptIds">Normalised <c>except/@id</c> values.</param>
    /// <param name="ExceptDomains">Lower-case <c>except/@domain</c> values.</param>
    internal sealed record ManyIdentities(string? Domain, IReadOnlyList<string> ExceptIds, IReadOnlyList<string> ExceptDomains)
    {
        public bool Matches(string watcher, string? watcherDomain)
        {
            if (Domain is not null && !string.Equals(Domain, watcherDomain, StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var id in ExceptIds)
            {
                if (string.Equals(id, watcher, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            foreach (var domain in ExceptDomains)
            {
                if (string.Equals(domain, watcherDomain, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
