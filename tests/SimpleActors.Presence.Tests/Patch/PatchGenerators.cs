using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace SimpleActors.Presence.Tests.Patch;

/// <summary>
/// Random documents for the diff property: trees over a few namespaces (prefixed, default, none, redeclared on
/// inner elements), attributes (some namespaced, xml:lang), text with whitespace and escaped characters, comments and
/// processing instructions; and pairs of them, mostly one a mutation of the other. Every document is written and
/// parsed back, so it is what a parser would give: declarations for every namespace, adjacent text merged.
/// </summary>
internal static class PatchGenerators
{
    private static readonly XNamespace[] Namespaces = [XNamespace.None, "urn:a", "urn:b", "urn:c"];

    private static readonly string[] LocalNames = ["x", "y", "item", "note"];

    private static readonly XName[] AttributeNames = ["id", "k", XNamespace.Get("urn:a") + "k", XNamespace.Get("urn:b") + "v", XNamespace.Xml + "lang"];

    private static Gen<string> Value => Gen.Elements("", "1", "two words", "<&\"'>", "line\nbreak", "\ttab", "ü€", " padded ");

    private static Gen<XNode> Text => Gen.Elements("hello", " ", "\n  ", "a&b<c>", "ü€", "]]>", "\n").Select(t => (XNode)new XText(t));

    private static Gen<XNode> Comment => Gen.Elements("c1", " note ", "").Select(c => (XNode)new XComment(c));

    private static Gen<XNode> Instruction =>
        from target in Gen.Elements("pi", "test")
        from data in Gen.Elements("", "x=1", "a b")
        select (XNode)new XProcessingInstruction(target, data);

    private static Gen<XName> ElementName =>
        from ns in Gen.Elements(Namespaces)
        from local in Gen.Elements(LocalNames)
        select ns + local;

    private static Gen<XAttribute?> Declaration =>
        Gen.Frequency(
            (6, Gen.Constant<XAttribute?>(null)),
            (1, from prefix in Gen.Elements("a", "b", "q")
                from uri in Gen.Elements("urn:a", "urn:b", "urn:c")
                select (XAttribute?)new XAttribute(XNamespace.Xmlns + prefix, uri)));

    private static Gen<List<XAttribute>> Attributes =>
        from count in Gen.Choose(0, 3)
        from names in Gen.Elements(AttributeNames).ListOf(count)
        from values in Value.ListOf(count)
        select names.Zip(values).DistinctBy(p => p.First).Select(p => new XAttribute(p.First, p.Second)).ToList();

    public static Gen<XElement> Element(int depth) =>
        from name in ElementName
        from declaration in Declaration
        from attributes in Attributes
        from children in depth <= 0 ? Gen.Constant(new List<XNode>()) : Gen.Choose(0, 4).SelectMany(n => Node(depth - 1).ListOf(n)).Select(l => l.ToList())
        select new XElement(name, declaration, attributes, children);

    private static Gen<XNode> Node(int depth) =>
        Gen.Frequency(
            (4, Element(depth).Select(e => (XNode)e)),
            (4, Text),
            (1, Comment),
            (1, Instruction));

    public static Gen<XDocument> Document =>
        from root in Element(3)
        from defaultNamespace in Gen.Elements(false, true)
        select Reparsed(WithRootDeclarations(root, defaultNamespace));

    public static Gen<(XDocument Old, XDocument New)> Pair =>
        from old in Document
        from changed in Gen.Frequency(
            (1, Document),
            (6, Mutate(old.Root!, 3).Select(e => Reparsed(new XElement(e)))))
        select (old, changed);

    private static Gen<XElement> Mutate(XElement element, int depth) =>
        from name in Gen.Frequency((14, Gen.Constant(element.Name)), (1, ElementName))
        from attributes in Sequence(element.Attributes().Select(MutateAttribute))
        from extra in Gen.Frequency((3, Gen.Constant(new List<XAttribute>())), (1, Attributes))
        from children in Sequence(element.Nodes().Select(n => MutateNode(n, depth)))
        from insertAt in Gen.Choose(-element.Nodes().Count() - 1, element.Nodes().Count())
        from inserted in Node(Math.Max(depth - 1, 0))
        select Build(name, attributes, extra, children, insertAt, inserted);

    private static XElement Build(XName name, List<XAttribute?> attributes, List<XAttribute> extra, List<XNode?> children, int insertAt, XNode inserted)
    {
        if (name.Namespace == XNamespace.None && attributes.Any(a => a is not null && a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.None))
        {
            // <x xmlns="urn:d"> cannot have x in no namespace.
            attributes = attributes.Where(a => a is null || !(a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.None)).ToList();
        }

        var all = attributes.OfType<XAttribute>().Concat(extra).DistinctBy(a => a.Name).ToList();
        var nodes = children.OfType<XNode>().ToList();
        if (insertAt >= 0)
        {
            nodes.Insert(Math.Min(insertAt, nodes.Count), inserted);
        }

        return new XElement(name, all, nodes);
    }

    private static Gen<XAttribute?> MutateAttribute(XAttribute attribute) =>
        attribute.IsNamespaceDeclaration
            ? Gen.Frequency(
                (8, Gen.Constant<XAttribute?>(new XAttribute(attribute))),
                (1, Gen.Constant<XAttribute?>(null)),
                (1, Gen.Elements("urn:a", "urn:b", "urn:c").Select(uri => (XAttribute?)new XAttribute(attribute.Name, uri))))
            : Gen.Frequency(
                (5, Gen.Constant<XAttribute?>(new XAttribute(attribute))),
                (1, Gen.Constant<XAttribute?>(null)),
                (1, Value.Select(v => (XAttribute?)new XAttribute(attribute.Name, v))));

    private static Gen<XNode?> MutateNode(XNode node, int depth) =>
        Gen.Frequency(
            (6, node is XElement element && depth > 0 ? Mutate(element, depth - 1).Select(e => (XNode?)e) : Gen.Constant<XNode?>(Copy(node))),
            (1, Gen.Constant<XNode?>(null)),
            (1, Node(Math.Max(depth - 1, 0)).Select(n => (XNode?)n)));

    private static XNode Copy(XNode node) => node switch
    {
        XElement e => new XElement(e),
        XText t => new XText(t.Value),
        XComment c => new XComment(c),
        XProcessingInstruction p => new XProcessingInstruction(p),
        _ => throw new InvalidOperationException(),
    };

    private static Gen<List<T>> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Constant(new List<T>()), (acc, gen) => from list in acc from item in gen select new List<T>(list) { item });

    private static XElement WithRootDeclarations(XElement root, bool defaultNamespace)
    {
        root.SetAttributeValue(XNamespace.Xmlns + "a", "urn:a");
        root.SetAttributeValue(XNamespace.Xmlns + "b", "urn:b");
        if (defaultNamespace && root.Name.Namespace != XNamespace.None)
        {
            root.SetAttributeValue("xmlns", root.Name.NamespaceName);
        }

        return root;
    }

    private static XDocument Reparsed(XElement root)
    {
        // <x xmlns="urn:d"> cannot have x in no namespace; drop such declarations wherever mutation left them.
        foreach (var element in root.DescendantsAndSelf().Where(e => e.Name.Namespace == XNamespace.None))
        {
            element.Attribute("xmlns")?.Remove();
        }

        string text;
        try
        {
            text = root.ToString(SaveOptions.DisableFormatting);
        }
        catch (System.Xml.XmlException)
        {
            // A declaration took the prefix its own element needs; keep only the root's usual ones.
            foreach (var declaration in root.DescendantsAndSelf().SelectMany(e => e.Attributes()).Where(a => a.IsNamespaceDeclaration).ToList())
            {
                declaration.Remove();
            }

            WithRootDeclarations(root, defaultNamespace: false);

            text = root.ToString(SaveOptions.DisableFormatting);
        }

        return XDocument.Parse(text, LoadOptions.PreserveWhitespace);
    }
}
