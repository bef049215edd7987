namespace SimpleActors.Presence.Rules;

/// <summary>
/// OMA's <c>external-list</c>: matches an authenticated watcher that is an entry of one of the lists
/// its <c>entry/@anc</c> URIs name, as the caller's <see cref="ExternalListMembership"/> says. Without
/// a resolver it matches nothing.
/// </summary>
internal sealed class ExternalListCondition(IReadOnlyList<string> lists) : RuleCondition
{
    public IReadOnlyList<string> Lists => lists;

    public override bool Matches(RuleContext context) => Names(context);

    public override bool Names(RuleContext context)
    {
        if (context.Watcher is not { } watcher || context.ExternalLists is not { } resolver)
        {
            return false;
        }

        foreach (var list in lists)
        {
            if (resolver(list, watcher))
            {
                return true;
            }
        }

        return false;
    }
}
