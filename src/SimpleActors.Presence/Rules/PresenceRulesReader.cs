using System.Xml.Linq;
using SimpleActors.Presence.Xml;
using static SimpleActors.Presence.Rules.PresenceRulesNames;

namespace SimpleActors.Presence.Rules;

/// <summary>
/// From an element tree to rules. The document's shape is checked (a <c>ruleset</c> of <c>rule</c>s
/// with unique ids, each with at most one <c>conditions</c>, <c>actions</c> and
/// <c>transformations</c>); what is inside is read leniently but never to grant more (RFC 4745 section
/// 6.2): a condition not understood or malformed makes its rule never match; an action or
/// transformation not understood, or with a value not understood, grants nothing.
/// </summary>
internal static class PresenceRulesReader
{
    private const string Format = "pres-rules";

    public static List<PresenceRule> Read(XElement root)
    {
        if (root.Name != Ruleset)
        {
            PresenceDocumentError.Throw($"{Format}: root is not a common-policy ruleset");
        }

        var rules = new List<PresenceRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in root.Elements())
        {
            if (child.Name != Rule)
            {
                if (child.Name.Namespace == Cp)
                {
                    PresenceDocumentError.Throw($"{Format}: unknown common-policy element in ruleset");
                }

                continue;
            }

            var id = child.Attribute(IdAttribute) is { } attribute ? CanonicalXml.TrimXmlWhitespace(attribute.Value) : string.Empty;
            if (id.Length == 0)
            {
                PresenceDocumentError.Throw($"{Format}: rule without id");
            }

            // RFC 4745 section 6.1: the id is unique in the document.
            if (!ids.Add(id))
            {
                PresenceDocumentError.Throw($"{Format}: duplicate rule id");
            }

            rules.Add(ReadRule(id, child));
        }

        return rules;
    }

    private static PresenceRule ReadRule(string id, XElement rule)
    {
        XElement? conditions = null, actions = null, transformations = null;
        foreach (var child in rule.Elements())
        {
            if (child.Name == Conditions)
            {
                conditions = Once(conditions, child);
            }
            else if (child.Name == Actions)
            {
                actions = Once(actions, child);
            }
            else if (child.Name == Transformations)
            {
                transformations = Once(transformations, child);
            }
        }

        var permissions = ReadTransformations(transformations) with { SubHandling = ReadSubHandling(actions) };
        return new PresenceRule(id, ReadConditions(conditions), permissions);
    }

    private static XElement Once(XElement? earlier, XElement element) =>
        earlier is null ? element : PresenceDocumentError.Throw<XElement>($"{Format}: rule with more than one {element.Name.LocalName}");

    // RFC 4745 section 7: the conditions are ANDed; none (or an empty element) always matches.
    private static List<RuleCondition> ReadConditions(XElement? conditions)
    {
        var list = new List<RuleCondition>();
        if (conditions is null)
        {
            return list;
        }

        foreach (var child in conditions.Elements())
        {
            list.Add(child.Name switch
            {
                var n when n == Identity => ReadIdentity(child),
                var n when n == Sphere => ReadSphere(child),
                var n when n == Validity => ReadValidity(child),
                var n when n == OtherIdentity => OtherIdentityCondition.Instance,
                var n when n == AnonymousRequest => AnonymousRequestCondition.Instance,
                var n when n == ExternalList => ReadExternalList(child),
                _ => UnknownCondition.Instance,
            });
        }

        return list;
    }

    // RFC 4745 section 7.1: one or more <one id> and <many domain?> with <except id|domain> inside.
    private static IdentityCondition ReadIdentity(XElement identity)
    {
        var ones = new List<string>();
        var manys = new List<IdentityCondition.ManyIdentities>();
        foreach (var child in identity.Elements())
        {
            if (child.Name == One)
            {
                if (WatcherIdentity.Normalize(child.Attribute(IdAttribute)?.Value) is { } id)
                {
                    ones.Add(id);
                }
            }
            else if (child.Name == Many && ReadMany(child) is { } many)
            {
                manys.Add(many);
            }
        }

        return new IdentityCondition(ones, manys);
    }

    /// <summary>A <c>many</c>, or null when an <c>except</c> in it cannot be read: an exception ignored would grant more.</summary>
    private static IdentityCondition.ManyIdentities? ReadMany(XElement many)
    {
        string? domain = null;
        if (many.Attribute(DomainAttribute) is { } domainAttribute)
        {
            domain = WatcherIdentity.NormalizeDomain(domainAttribute.Value);
            if (domain.Length == 0)
            {
                return null;
            }
        }

        var exceptIds = new List<string>();
        var exceptDomains = new List<string>();
        foreach (var child in many.Elements())
        {
            if (child.Name != Except)
            {
                return null;
            }

            var id = child.Attribute(IdAttribute);
            var exceptDomain = child.Attribute(DomainAttribute);
            if (id is not null && exceptDomain is null && WatcherIdentity.Normalize(id.Value) is { } exceptId)
            {
                exceptIds.Add(exceptId);
            }
            else if (exceptDomain is not null && id is not null)
            {
                return null;
            }
            else if (exceptDomain is not null && WatcherIdentity.NormalizeDomain(exceptDomain.Value) is { Length: > 0 } d)
            {
                exceptDomains.Add(d);
            }
            else
            {
                return null;
            }
        }

        return new IdentityCondition.ManyIdentities(domain, exceptIds, exceptDomains);
    }

    private static RuleCondition ReadSphere(XElement sphere)
    {
        var values = sphere.Attribute(ValueAttribute)?.Value
            .Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return values is { Length: > 0 } ? new SphereCondition(values) : UnknownCondition.Instance;
    }

    // RFC 4745 section 7.3: pairs of <from> and <until>, xs:dateTime with a time zone.
    private static RuleCondition ReadValidity(XElement validity)
    {
        var intervals = new List<(DateTimeOffset, DateTimeOffset)>();
        DateTimeOffset? from = null;
        foreach (var child in validity.Elements())
        {
            if (child.HasElements || !XsDateTime.TryParse(child.Value, out var instant))
            {
                return UnknownCondition.Instance;
            }

            if (child.Name == From && from is null)
            {
                from = instant;
            }
            else if (child.Name == Until && from is { } start)
            {
                intervals.Add((start, instant));
                from = null;
            }
            else
            {
                return UnknownCondition.Instance;
            }
        }

        return intervals.Count > 0 && from is null ? new ValidityCondition(intervals) : UnknownCondition.Instance;
    }

    private static RuleCondition ReadExternalList(XElement externalList)
    {
        var lists = new List<string>();
        foreach (var child in externalList.Elements())
        {
            if (child.Name == Entry && child.Attribute(AncAttribute) is { } anc && CanonicalXml.TrimXmlWhitespace(anc.Value) is { Length: > 0 } uri)
            {
                lists.Add(uri);
            }
        }

        return lists.Count > 0 ? new ExternalListCondition(lists) : UnknownCondition.Instance;
    }

    // RFC 5025 section 3.2.1. Several sub-handling elements (not valid) give their largest.
    private static SubHandling? ReadSubHandling(XElement? actions)
    {
        SubHandling? result = null;
        foreach (var child in actions?.Elements(PresenceRulesNames.SubHandling) ?? [])
        {
            SubHandling? value = CanonicalXml.TrimXmlWhitespace(child.Value) switch
            {
                "block" => SubHandling.Block,
                "confirm" => SubHandling.Confirm,
                "polite-block" => SubHandling.PoliteBlock,
                "allow" => SubHandling.Allow,
                _ => null,
            };
            if (value is not null && (result is null || value > result))
            {
                result = value;
            }
        }

        return result;
    }

    // RFC 5025 section 3.3.
    private static PresencePermissions ReadTransformations(XElement? transformations)
    {
        if (transformations is null)
        {
            return PresencePermissions.None;
        }

        var permissions = PresencePermissions.None;
        foreach (var child in transformations.Elements())
        {
            var name = child.Name;
            if (name == ProvideServices)
            {
                permissions = permissions with { Services = permissions.Services.Union(ReadSelection(child, AllServices, ComponentSelectorKind.ServiceUri, ComponentSelectorKind.ServiceUriScheme)) };
            }
            else if (name == ProvidePersons)
            {
                permissions = permissions with { Persons = permissions.Persons.Union(ReadSelection(child, AllPersons)) };
            }
            else if (name == ProvideDevices)
            {
                permissions = permissions with { Devices = permissions.Devices.Union(ReadSelection(child, AllDevices, ComponentSelectorKind.DeviceId)) };
            }
            else if (BooleanPermissions.TryGetValue(name, out var flag))
            {
                if (IsTrue(child))
                {
                    permissions = permissions with { Attributes = permissions.Attributes | flag };
                }
            }
            else if (name == ProvideUserInput)
            {
                var value = CanonicalXml.TrimXmlWhitespace(child.Value) switch
                {
                    "bare" => UserInputDisclosure.Bare,
                    "thresholds" => UserInputDisclosure.Thresholds,
                    "full" => UserInputDisclosure.Full,
                    _ => UserInputDisclosure.None,
                };
                if (value > permissions.UserInput)
                {
                    permissions = permissions with { UserInput = value };
                }
            }
            else if (name == ProvideUnknownAttribute)
            {
                // RFC 5025 section 3.3.2: ns and name attributes, a boolean value.
                var ns = child.Attribute(NsAttribute)?.Value;
                var local = child.Attribute(NameAttribute)?.Value;
                if (ns is not null && local is not null && IsTrue(child) && TryName(CanonicalXml.TrimXmlWhitespace(ns), CanonicalXml.TrimXmlWhitespace(local)) is { } unknown)
                {
                    permissions = permissions with { UnknownAttributes = [.. permissions.UnknownAttributes, unknown] };
                }
            }
            else if (name == ProvideAllAttributes)
            {
                permissions = permissions with { AllAttributes = true };
            }
        }

        return permissions;
    }

    /// <summary>
    /// RFC 5025 section 3.3.1: the all-* element, or selectors (occurrence-id and class for
    /// every component, plus the kinds given for this one). A selector of a kind the component does not
    /// have, or one not understood, selects nothing.
    /// </summary>
    private static ComponentSelection ReadSelection(XElement provide, XName all, params ReadOnlySpan<ComponentSelectorKind> extraKinds)
    {
        var selectors = new List<ComponentSelector>();
        foreach (var child in provide.Elements())
        {
            if (child.Name == all)
            {
                return ComponentSelection.Everything;
            }

            ComponentSelectorKind? kind = child.Name switch
            {
                var n when n == OccurrenceId => ComponentSelectorKind.OccurrenceId,
                var n when n == Class => ComponentSelectorKind.Class,
                var n when n == ServiceUri => ComponentSelectorKind.ServiceUri,
                var n when n == ServiceUriScheme => ComponentSelectorKind.ServiceUriScheme,
                var n when n == DeviceId => ComponentSelectorKind.DeviceId,
                _ => null,
            };
            if (kind is not { } k || (k is not (ComponentSelectorKind.OccurrenceId or ComponentSelectorKind.Class) && !extraKinds.Contains(k)))
            {
                continue;
            }

            if (PresenceFilter.SelectorValue(k, child.Value) is { } value)
            {
                selectors.Add(new ComponentSelector(k, value));
            }
        }

        return new ComponentSelection(false, selectors);
    }

    // xs:boolean.
    private static bool IsTrue(XElement element) => CanonicalXml.TrimXmlWhitespace(element.Value) is "true" or "1";

    private static XName? TryName(string ns, string local)
    {
        try
        {
            return local.Length == 0 ? null : XName.Get(System.Xml.XmlConvert.VerifyNCName(local), ns);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
