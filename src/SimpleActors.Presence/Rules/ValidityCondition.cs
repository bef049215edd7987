namespace SimpleActors.Presence.Rules;

/// <summary>
/// <c>validity</c> (RFC 4745 section 7.3): matches when the instant lies in one of the
/// <c>from</c>/<c>until</c> intervals, from included, until excluded. The instants carry their time
/// zones, so they compare as instants.
/// </summary>
internal sealed class ValidityCondition(IReadOnlyList<(DateTimeOffset From, DateTimeOffset Until)> intervals) : RuleCondition
{
    public override bool Matches(RuleContext context)
    {
        foreach (var (from, until) in intervals)
        {
            if (from <= context.Now && context.Now < until)
            {
                return true;
            }
        }

        return false;
    }

    public override IEnumerable<DateTimeOffset> Boundaries => intervals.SelectMany(static i => new[] { i.From, i.Until });
}
