namespace SimpleActors.Presence.Rules;

/// <summary>
/// One child of <c>provide-services</c>, <c>provide-persons</c> or <c>provide-devices</c> naming the
/// components it reveals. The value is kept normalised (a scheme in lower case, a service URI as
/// <see cref="WatcherIdentity.Normalize"/> gives it) so that equal selectors compare equal.
/// </summary>
/// <param name="Kind">What the value is matched against.</param>
/// <param name="Value">The normalised value.</param>
public readonly record struct ComponentSelector(ComponentSelectorKind Kind, string Value)
{
    internal static int Compare(ComponentSelector x, ComponentSelector y)
    {
        var byKind = x.Kind.CompareTo(y.Kind);
        return byKind != 0 ? byKind : string.CompareOrdinal(x.Value, y.Value);
    }
}
