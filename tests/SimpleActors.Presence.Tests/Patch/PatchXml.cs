using System.Xml.Linq;
using SimpleActors.Presence.Patch;

namespace SimpleActors.Presence.Tests.Patch;

/// <summary>
/// Test shorthands: documents parsed with their whitespace, patches applied from text, and the document equality
/// the patch tests use, that of the XML Infoset: element and attribute names by namespace URI; attributes as a set,
/// since their order carries nothing; the in-scope namespaces of every element (prefix to URI, the default
/// included), so a declaration counts but not the element it sits on when an ancestor makes the same binding;
/// child nodes in order with text compared exactly (whitespace counts; CDATA is text, as in the XPath data model).
/// </summary>
internal static class PatchXml
{
    public static XDocument Parse(string xml) => XDocument.Parse(xml, LoadOptions.PreserveWhitespace);

    public static string Utf8(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    public static string Write(XDocument document) => document.Root!.ToString(SaveOptions.DisableFormatting);

    public static XDocument Apply(string target, string diff) => XmlPatch.Apply(Parse(target), Parse(diff).Root!);

    public static XmlPatchException Fails(string target, string diff) =>
        Assert.Throws<XmlPatchException>(() => Apply(target, diff));

    public static void Equal(string expected, XDocument actual)
    {
        var wanted = Parse(expected);
        Assert.True(Equal(wanted, actual), $"expected:\n{Write(wanted)}\nactual:\n{Write(actual)}");
    }

    public static bool Equal(XDocument a, XDocument b) => Equal(a.Root!, b.Root!);

    public static bool Equal(XElement a, XElement b)
    {
        if (a.Name != b.Name)
        {
            return false;
        }

        var attributesA = a.Attributes().Where(x => !x.IsNamespaceDeclaration).Select(x => (x.Name, x.Value)).ToHashSet();
        var attributesB = b.Attributes().Where(x => !x.IsNamespaceDeclaration).Select(x => (x.Name, x.Value)).ToHashSet();
        if (!attributesA.SetEquals(attributesB) || !InScopeNamespaces(a).SetEquals(InScopeNamespaces(b)))
        {
            return false;
        }

        var nodesA = a.Nodes().ToList();
        var nodesB = b.Nodes().ToList();
        return nodesA.Count == nodesB.Count && nodesA.Zip(nodesB).All(p => Equal(p.First, p.Second));
    }

    public static HashSet<(string Prefix, string Uri)> InScopeNamespaces(XElement element)
    {
        var bindings = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var e = element; e is not null; e = e.Parent)
        {
            foreach (var declaration in e.Attributes().Where(x => x.IsNamespaceDeclaration))
            {
                bindings.TryAdd(declaration.Name.Namespace == XNamespace.None ? "" : declaration.Name.LocalName, declaration.Value);
            }
        }

        if (bindings.TryGetValue("", out var defaultNamespace) && defaultNamespace.Length == 0)
        {
            bindings.Remove("");
        }

        return bindings.Select(p => (p.Key, p.Value)).ToHashSet();
    }

    private static bool Equal(XNode a, XNode b) => (a, b) switch
    {
        (XElement x, XElement y) => Equal(x, y),
        (XText x, XText y) => x.Value == y.Value,
        (XComment x, XComment y) => x.Value == y.Value,
        (XProcessingInstruction x, XProcessingInstruction y) => x.Target == y.Target && x.Data == y.Data,
        _ => false,
    };
}
