namespace SimpleActors.Presence.Rules;

/// <summary>One child of a rule's <c>conditions</c> (RFC 4745 section 7); a rule matches when all of them do.</summary>
internal abstract class RuleCondition
{
    public abstract bool Matches(RuleContext context);

    /// <summary>Whether this is an identity-like condition (identity, external-list) that names the watcher: what OMA's other-identity looks at.</summary>
    public virtual bool Names(RuleContext context) => false;

    /// <summary>The from/until instants of a validity condition.</summary>
    public virtual IEnumerable<DateTimeOffset> Boundaries => [];
}
