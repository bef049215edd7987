namespace SimpleActors.Presence.Rules;

/// <summary>
/// A condition this server does not understand, or one written wrongly: it never matches, so its rule
/// never applies (RFC 4745 section 6.2: an unknown condition must not grant more).
/// </summary>
internal sealed class UnknownCondition : RuleCondition
{
    public static UnknownCondition Instance { get; } = new();

    public override bool Matches(RuleContext context) => false;
}
