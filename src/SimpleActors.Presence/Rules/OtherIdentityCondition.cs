namespace SimpleActors.Presence.Rules;

/// <summary>
/// OMA's <c>other-identity</c> (urn:oma:xml:xdm:common-policy): matches an authenticated watcher that
/// no <c>identity</c> or <c>external-list</c> condition of any rule of the ruleset names, whatever
/// those rules' other conditions. An anonymous watcher is left to <c>anonymous-request</c>: OMA's
/// default rules block anonymous requests and confirm "other" identities, and a confirm matching
/// anonymous requests too would outrank that block.
/// </summary>
internal sealed class OtherIdentityCondition : RuleCondition
{
    public static OtherIdentityCondition Instance { get; } = new();

    public override bool Matches(RuleContext context) => context.Watcher is not null && !context.Listed;
}
