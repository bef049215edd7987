using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace SimpleActors.Xcap.NodeSelectors;

/// <summary>
/// One step of an element selector (RFC 4825 section 6.3): <c>*</c> or a QName, then optionally a position <c>[n]</c>,
/// then optionally an attribute test <c>[@a="v"]</c>. Like the XPath it abbreviates, the position counts the children that
/// pass the name test, and the attribute test filters what the position left.
/// </summary>
/// <param name="Name">The element name, or null for <c>*</c>.</param>
/// <param name="Position">The 1-based position among the children that pass the name test, or null.</param>
/// <param name="AttributeTest">The attribute predicate, or null.</param>
public sealed record XcapStep(XcapQualifiedName? Name, int? Position, XcapAttributeTest? AttributeTest)
{
    /// <summary>The step is <c>*</c>.</summary>
    public bool IsAny => Name is null;

    /// <summary>True when <paramref name="element"/> passes the name test.</summary>
    public bool NameMatches(XElement element, string defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(element);
        return Name is null || element.Name == Name.ElementName(defaultNamespace);
    }

    /// <summary>True when <paramref name="element"/> passes the attribute test (or there is none).</summary>
    public bool AttributeMatches(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (AttributeTest is null)
        {
            return true;
        }

        var attribute = element.Attribute(AttributeTest.Name.AttributeName());
        return attribute is not null && !attribute.IsNamespaceDeclaration && string.Equals(attribute.Value, AttributeTest.Value, StringComparison.Ordinal);
    }

    /// <summary>The children of <paramref name="parent"/> (an element, or the document for its root) this step selects.</summary>
    public IEnumerable<XElement> Select(XContainer parent, string defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var named = parent.Elements().Where(e => NameMatches(e, defaultNamespace));
        if (Position is { } position)
        {
            var at = position >= 1 ? named.ElementAtOrDefault(position - 1) : null;
            named = at is null ? [] : [at];
        }

        return named.Where(AttributeMatches);
    }

    public override string ToString()
    {
        var builder = new StringBuilder(Name?.ToString() ?? "*");
        if (Position is { } position)
        {
            builder.Append('[').Append(position.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        if (AttributeTest is not null)
        {
            builder.Append('[').Append(AttributeTest).Append(']');
        }

        return builder.ToString();
    }
}
