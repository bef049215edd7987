using System.Collections.ObjectModel;

namespace SimpleActors.Presence.Rules;

/// <summary>
/// Which services, persons or devices a watcher sees (RFC 5025 section 3.3.1): all of them
/// (<c>all-services</c>, <c>all-persons</c>, <c>all-devices</c>) or those any selector names. A set
/// permission: combined across matching rules by union (RFC 4745 section 10). A value: the selectors
/// are kept sorted and without duplicates, so equal selections are equal.
/// </summary>
public sealed record ComponentSelection
{
    /// <summary>No component: what a watcher sees when no matching rule provides any.</summary>
    public static ComponentSelection None { get; } = new(false, []);

    /// <summary>Every component.</summary>
    public static ComponentSelection Everything { get; } = new(true, []);

    /// <param name="all">Every component; the selectors are then dropped.</param>
    /// <param name="selectors">Selectors in any order, duplicates allowed.</param>
    public ComponentSelection(bool all, IEnumerable<ComponentSelector> selectors)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        All = all;
        Selectors = all ? ReadOnlyCollection<ComponentSelector>.Empty : SortedDistinct(selectors);
    }

    /// <summary>Whether every component is provided.</summary>
    public bool All { get; }

    /// <summary>The selectors, sorted by kind then value (ordinal), empty when <see cref="All"/>.</summary>
    public IReadOnlyList<ComponentSelector> Selectors { get; }

    /// <summary>Whether no component is provided.</summary>
    public bool IsNone => !All && Selectors.Count == 0;

    /// <summary>The union of two selections (RFC 4745 section 10: set-valued permissions).</summary>
    public ComponentSelection Union(ComponentSelection other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (All || other.IsNone)
        {
            return this;
        }

        if (other.All || IsNone)
        {
            return other;
        }

        return new ComponentSelection(false, Selectors.Concat(other.Selectors));
    }

    /// <summary>Whether a selector of this kind and value is in the selection (not counting <see cref="All"/>).</summary>
    internal bool Has(ComponentSelectorKind kind, string? value)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var selector in Selectors)
        {
            if (selector.Kind == kind && string.Equals(selector.Value, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    internal bool HasKind(ComponentSelectorKind kind)
    {
        foreach (var selector in Selectors)
        {
            if (selector.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }

    public bool Equals(ComponentSelection? other) =>
        ReferenceEquals(this, other)
        || (other is not null && All == other.All && Selectors.SequenceEqual(other.Selectors));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(All);
        foreach (var selector in Selectors)
        {
            hash.Add(selector);
        }

        return hash.ToHashCode();
    }

    private static ReadOnlyCollection<ComponentSelector> SortedDistinct(IEnumerable<ComponentSelector> selectors)
    {
        var list = new List<ComponentSelector>(selectors);
        if (list.Count == 0)
        {
            return ReadOnlyCollection<ComponentSelector>.Empty;
        }

        list.Sort(ComponentSelector.Compare);
        var distinct = new List<ComponentSelector>(list.Count);
        foreach (var selector in list)
        {
            if (distinct.Count == 0 || distinct[^1] != selector)
            {
                distinct.Add(selector);
            }
        }

        return distinct.AsReadOnly();
    }
}
