using System.Xml.Linq;

namespace SimpleActors.Presence.Xml;

/// <summary>
/// The one form extension elements are kept in, so that an element compares equal (by
/// <see cref="XNode.DeepEquals"/>) to itself after a write and a read:
/// names and attributes as they are, without namespace declaration attributes (an
/// <see cref="XName"/> carries its namespace; prefixes are chosen again when written); no comments
/// or processing instructions; adjacent text and CDATA merged into one text node; whitespace-only
/// text dropped from an element that has child elements (it is indentation) and kept in one that has
/// none; an element with no content is empty (<c>&lt;a/&gt;</c>).
/// </summary>
internal static class CanonicalXml
{
    /// <summary>A detached canonical copy: later changes to <paramref name="source"/> do not reach it.</summary>
    public static XElement Copy(XElement source)
    {
        var copy = new XElement(source.Name);
        foreach (var attribute in source.Attributes())
        {
            if (!attribute.IsNamespaceDeclaration)
            {
                copy.Add(new XAttribute(attribute.Name, attribute.Value));
            }
        }

        foreach (var node in source.Nodes())
        {
            switch (node)
            {
                case XText text: // XCData too
                    AppendText(copy, text.Value);
                    break;
                case XElement child:
                    copy.Add(Copy(child));
                    break;
                default: // comments, processing instructions
                    break;
            }
        }

        DropWhitespaceBetweenElements(copy);
        return copy;
    }

    /// <summary>Adds text to an element, merging it with a text node that ends the element.</summary>
    public static void AppendText(XElement element, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        if (element.LastNode is XText last)
        {
            last.Value += value;
        }
        else
        {
            element.Add(new XText(value));
        }
    }

    /// <summary>Called when an element is complete: indentation between child elements is not content.</summary>
    public static void DropWhitespaceBetweenElements(XElement element)
    {
        if (!element.HasElements)
        {
            return;
        }

        List<XText>? blank = null;
        foreach (var node in element.Nodes())
        {
            if (node is XText text && IsXmlWhitespace(text.Value))
            {
                (blank ??= []).Add(text);
            }
        }

        blank?.ForEach(static text => text.Remove());
    }

    /// <summary>A hash consistent with <see cref="XNode.DeepEquals"/> on canonical elements.</summary>
    public static int DeepHash(XElement element) => HashCode.Combine(element.Name, element.Value);

    /// <summary>Whether an element or any element or attribute below it is in <paramref name="ns"/>.</summary>
    public static bool UsesNamespace(XElement element, XNamespace ns)
    {
        foreach (var e in element.DescendantsAndSelf())
        {
            if (e.Name.Namespace == ns)
            {
                return true;
            }

            foreach (var attribute in e.Attributes())
            {
                if (attribute.Name.Namespace == ns)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>XML's own whitespace (S production): space, tab, CR, LF.</summary>
    public static bool IsXmlWhitespace(string value)
    {
        foreach (var c in value)
        {
            if (c is not (' ' or '\t' or '\r' or '\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whitespace collapsing for token-like values (xs:anyURI, xs:ID, enumerations, numbers).</summary>
    public static string TrimXmlWhitespace(string value) => value.Trim(XmlWhitespace);

    private static readonly char[] XmlWhitespace = [' ', '\t', '\r', '\n'];
}
