namespace SimpleActors.Presence.Rules;

/// <summary>
/// One parsed <c>rule</c> (RFC 4745 section 6): its conditions, all of which must match (none: always
/// matches), and the permissions it grants when it does (its actions and transformations).
/// </summary>
internal sealed record PresenceRule(string Id, IReadOnlyList<RuleCondition> Conditions, PresencePermissions Permissions)
{
    public bool Matches(RuleContext context)
    {
        foreach (var condition in Conditions)
        {
            if (!condition.Matches(context))
            {
                return false;
            }
        }

        return true;
    }
}
