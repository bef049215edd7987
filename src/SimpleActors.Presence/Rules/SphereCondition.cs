namespace SimpleActors.Presence.Rules;

/// <summary>
/// <c>sphere</c> (RFC 4745 section 7.2): matches when the presentity's current sphere is one of the
/// space-separated values, compared without case. An unknown current sphere matches nothing.
/// </summary>
internal sealed class SphereCondition(IReadOnlyList<string> values) : RuleCondition
{
    public override bool Matches(RuleContext context)
    {
        if (context.Sphere is not { Length: > 0 } sphere)
        {
            return false;
        }

        foreach (var value in values)
        {
            if (string.Equals(value, sphere, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
