using System.Xml.Linq;

namespace SimpleActors.Xcap.NodeSelectors;

/// <summary>
/// A QName in a node selector (RFC 4825 section 6.3). A prefix is bound only by the request's <c>xmlns()</c> query parts
/// (section 6.4), never by the stored document. An unprefixed element name is in the usage's default namespace (section
/// 5.2), an unprefixed attribute name in no namespace; so <see cref="Namespace"/> is null when there is no prefix.
/// </summary>
/// <param name="Prefix">The prefix as written, or null.</param>
/// <param name="LocalName">The local part.</param>
/// <param name="Namespace">The namespace the prefix is bound to, or null when unprefixed.</param>
public sealed record XcapQualifiedName(string? Prefix, string LocalName, string? Namespace)
{
    /// <summary>The expanded name of an element step: an unprefixed name is in <paramref name="defaultNamespace"/>.</summary>
    public XName ElementName(string defaultNamespace) => XName.Get(LocalName, Prefix is null ? defaultNamespace : Namespace ?? string.Empty);

    /// <summary>The expanded name of an attribute: an unprefixed name is in no namespace.</summary>
    public XName AttributeName() => XName.Get(LocalName, Prefix is null ? string.Empty : Namespace ?? string.Empty);

    public override string ToString() => Prefix is null ? LocalName : $"{Prefix}:{LocalName}";
}
