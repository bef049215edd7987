using System.Xml.Linq;
using SimpleActors.Xcap.Usages;
using SimpleActors.Xcap.Xml;

namespace SimpleActors.Xcap.Rls;

/// <summary>The names of resource lists (RFC 4826 sections 3 and 4) and the safe reading of a list document.</summary>
internal static class ListDocument
{
    public static readonly XNamespace Rl = XcapNamespaces.ResourceLists;
    public static readonly XNamespace RlsNs = XcapNamespaces.RlsServices;
    public static readonly XName ResourceLists = Rl + "resource-lists";
    public static readonly XName List = Rl + "list";
    public static readonly XName Entry = Rl + "entry";
    public static readonly XName EntryRef = Rl + "entry-ref";
    public static readonly XName External = Rl + "external";
    public static readonly XName DisplayName = Rl + "display-name";

    /// <summary>Reads a document with the XCAP reader's limits and safety (no DTD, UTF-8, depth and size bounds).</summary>
    /// <exception cref="ResourceListException">413 when too large, else 400.</exception>
    public static XDocument Parse(ReadOnlySpan<byte> bytes, XcapLimits? limits, string what)
    {
        try
        {
            return XcapXmlParser.ParseDocument(bytes, limits ?? XcapLimits.Default).Tree;
        }
        catch (XcapFailure e)
        {
            throw new ResourceListException(e.StatusCode == 413 ? 413 : 400, $"{what}: {e.Message}", e);
        }
    }

    /// <summary>The trimmed text of the element's first display-name child, or null.</summary>
    public static string? DisplayNameOf(XElement element) =>
        element.Element(DisplayName)?.Value.Trim() is { Length: > 0 } name ? name : null;
}
