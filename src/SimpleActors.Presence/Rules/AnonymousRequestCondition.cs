namespace SimpleActors.Presence.Rules;

/// <summary>OMA's <c>anonymous-request</c>: matches a watcher with no authenticated identity.</summary>
internal sealed class AnonymousRequestCondition : RuleCondition
{
    public static AnonymousRequestCondition Instance { get; } = new();

    public override bool Matches(RuleContext context) => context.Watcher is null;
}
