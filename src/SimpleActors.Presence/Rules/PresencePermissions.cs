using System.Collections.ObjectModel;
using System.Xml.Linq;

namespace SimpleActors.Presence.Rules;

/// <summary>
/// What one watcher may do and see, combined over every rule that matched (RFC 4745 section 10):
/// the <c>sub-handling</c> action and the transformations of RFC 5025 section 3.3. A value with
/// equality: watchers with equal permissions see the same filtered document, so the server can filter
/// once per distinct permissions. Normalised so that permissions that filter alike compare equal
/// (with <see cref="AllAttributes"/> the attribute flags, user input and unknown attributes are at
/// their widest).
/// </summary>
public sealed record PresencePermissions
{
    /// <summary>
    /// RFC 5025 section 3.2.1: the sub-handling a presence server applies when no rule says (no rule
    /// matched, or none that matched has a <c>sub-handling</c>): confirm. A server may be configured
    /// otherwise; <see cref="SubHandling"/> is null in that case so the caller decides.
    /// </summary>
    public const SubHandling DefaultSubHandling = Rules.SubHandling.Confirm;

    /// <summary>No rule matched: no sub-handling, nothing provided.</summary>
    public static PresencePermissions None { get; } = new();

    /// <summary>Allow and provide everything: what a presentity's own subscription, or an "allow" decision of the editor, gives.</summary>
    public static PresencePermissions Everything { get; } = new()
    {
        SubHandling = Rules.SubHandling.Allow,
        Services = ComponentSelection.Everything,
        Persons = ComponentSelection.Everything,
        Devices = ComponentSelection.Everything,
        AllAttributes = true,
    };

    /// <summary>The largest <c>sub-handling</c> of the matching rules, or null when none has one (apply the server's default, <see cref="DefaultSubHandling"/> by RFC 5025).</summary>
    public SubHandling? SubHandling { get; init; }

    /// <summary><c>provide-services</c>: the tuples shown.</summary>
    public ComponentSelection Services { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = ComponentSelection.None;

    /// <summary><c>provide-persons</c>: the persons shown.</summary>
    public ComponentSelection Persons { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = ComponentSelection.None;

    /// <summary><c>provide-devices</c>: the devices shown.</summary>
    public ComponentSelection Devices { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = ComponentSelection.None;

    /// <summary>The boolean attribute permissions granted (<see cref="ProvidedAttributes.All"/> when <see cref="AllAttributes"/>).</summary>
    public ProvidedAttributes Attributes
    {
        get => AllAttributes ? ProvidedAttributes.All : field;
        init => field = value & ProvidedAttributes.All;
    }

    /// <summary><c>provide-user-input</c> (<see cref="UserInputDisclosure.Full"/> when <see cref="AllAttributes"/>).</summary>
    public UserInputDisclosure UserInput
    {
        get => AllAttributes ? UserInputDisclosure.Full : field;
        init => field = value;
    }

    /// <summary>
    /// <c>provide-unknown-attribute</c> elements whose value is true: child elements of a tuple, person
    /// or device, by namespace and local name, that no other permission covers. Sorted (namespace, then
    /// local name, ordinal), without duplicates; empty when <see cref="AllAttributes"/> (all are shown).
    /// </summary>
    public IReadOnlyList<XName> UnknownAttributes
    {
        get => AllAttributes ? ReadOnlyCollection<XName>.Empty : field;
        init => field = SortedDistinct(value ?? throw new ArgumentNullException(nameof(value)));
    } = ReadOnlyCollection<XName>.Empty;

    /// <summary><c>provide-all-attributes</c>: every attribute, the unknown ones included, user input in full.</summary>
    public bool AllAttributes { get; init; }

    /// <summary>Whether the filter leaves a document as it is: every component and every attribute.</summary>
    public bool ProvidesEverything => Services.All && Persons.All && Devices.All && AllAttributes;

    /// <summary>Whether every flag of <paramref name="attributes"/> is granted.</summary>
    public bool Provides(ProvidedAttributes attributes) => (Attributes & attributes) == attributes;

    /// <summary>Whether an element no other permission covers is shown (<c>provide-unknown-attribute</c> or <c>provide-all-attributes</c>).</summary>
    public bool ProvidesUnknown(XName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (AllAttributes)
        {
            return true;
        }

        foreach (var provided in UnknownAttributes)
        {
            if (provided == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The combination of two rules' permissions (RFC 4745 section 10): sub-handling and user input
    /// take the maximum, booleans OR, the component selections and unknown attributes the union.
    /// </summary>
    public PresencePermissions CombineWith(PresencePermissions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new PresencePermissions
        {
            SubHandling = Max(SubHandling, other.SubHandling),
            Services = Services.Union(other.Services),
            Persons = Persons.Union(other.Persons),
            Devices = Devices.Union(other.Devices),
            Attributes = Attributes | other.Attributes,
            UserInput = UserInput >= other.UserInput ? UserInput : other.UserInput,
            AllAttributes = AllAttributes || other.AllAttributes,
            UnknownAttributes = AllAttributes || other.AllAttributes ? [] : [.. UnknownAttributes, .. other.UnknownAttributes],
        };
    }

    public bool Equals(PresencePermissions? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && SubHandling == other.SubHandling
            && Services.Equals(other.Services)
            && Persons.Equals(other.Persons)
            && Devices.Equals(other.Devices)
            && Attributes == other.Attributes
            && UserInput == other.UserInput
            && AllAttributes == other.AllAttributes
            && UnknownAttributes.SequenceEqual(other.UnknownAttributes));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(SubHandling);
        hash.Add(Services);
        hash.Add(Persons);
        hash.Add(Devices);
        hash.Add(Attributes);
        hash.Add(UserInput);
        hash.Add(AllAttributes);
        foreach (var name in UnknownAttributes)
        {
            hash.Add(name);
        }

        return hash.ToHashCode();
    }

    private static SubHandling? Max(SubHandling? left, SubHandling? right) =>
        left is null ? right : right is null ? left : (SubHandling)Math.Max((int)left.Value, (int)right.Value);

    private static ReadOnlyCollection<XName> SortedDistinct(IEnumerable<XName> names)
    {
        var list = new List<XName>(names);
        if (list.Count == 0)
        {
            return ReadOnlyCollection<XName>.Empty;
        }

        list.Sort(static (x, y) =>
        {
            var byNamespace = string.CompareOrdinal(x.NamespaceName, y.NamespaceName);
            return byNamespace != 0 ? byNamespace : string.CompareOrdinal(x.LocalName, y.LocalName);
        });
        var distinct = new List<XName>(list.Count);
        foreach (var name in list)
        {
            if (distinct.Count == 0 || distinct[^1] != name)
            {
                distinct.Add(name);
            }
        }

        return distinct.AsReadOnly();
    }
}
