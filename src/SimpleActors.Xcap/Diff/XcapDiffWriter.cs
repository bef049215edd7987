using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using SimpleActors.Presence.Patch;

namespace SimpleActors.Xcap.Diff;

/// <summary>
/// Writes <see cref="XcapDiffDocument"/>s as <c>application/xcap-diff+xml</c> (RFC 5874 section 3), the xcap-diff
/// namespace as the default one.
/// </summary>
/// <remarks>
/// RFC 5874 section 3 and RFC 5261 section 4.2: the prefixes of a patch directive's 'sel' and 'type' resolve against
/// the namespace declarations in scope in the xcap-diff document itself, and an unprefixed element name in 'sel'
/// against its default namespace. So each directive is written with every namespace declaration in scope where it came
/// from (which covers its 'sel', 'type' and content), and when its 'sel' has unprefixed element names, with that
/// default namespace too: such a directive is then written with a prefix for the xcap-diff namespace
/// (<c>&lt;xd:add xmlns:xd="urn:ietf:params:xml:ns:xcap-diff" xmlns="urn:...resource-lists" sel="resource-lists/list"&gt;</c>).
/// </remarks>
public static class XcapDiffWriter
{
    private static readonly XNamespace Ns = XcapDiffDocument.Namespace;

    public static XDocument ToXml(XcapDiffDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = new XElement(Ns + "xcap-diff", new XAttribute("xcap-root", document.XcapRoot));
        foreach (var entry in document.Entries)
        {
            root.Add(entry switch
            {
                XcapDiffDocumentEntry d => Document(d),
                XcapDiffElementEntry e => new XElement(
                    Ns + "element",
                    new XAttribute("sel", e.Selector),
                    e.Content is null ? new XAttribute("exists", "0") : new XElement(e.Content)),
                XcapDiffAttributeEntry a => new XElement(
                    Ns + "attribute",
                    new XAttribute("sel", a.Selector),
                    a.Value is null ? new XAttribute("exists", "0") : a.Value),
                _ => throw new ArgumentException($"Unknown xcap-diff entry {entry.GetType().Name}", nameof(document)),
            });
        }

        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    /// <summary>The document as UTF-8 bytes without a byte order mark, unindented (whitespace in patches is content).</summary>
    public static byte[] Write(XcapDiffDocument document)
    {
        var xml = ToXml(document);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, NewLineHandling = NewLineHandling.Entitize };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            xml.Save(writer);
        }

        return stream.ToArray();
    }

    private static XElement Document(XcapDiffDocumentEntry entry)
    {
        if (entry.BodyNotChanged && entry.Operations.Count > 0)
        {
            throw new ArgumentException("A document entry has either patch operations or body-not-changed, not both", nameof(entry));
        }

        var element = new XElement(Ns + "document", new XAttribute("sel", entry.Selector));
        if (entry.PreviousETag is not null)
        {
            element.Add(new XAttribute("previous-etag", entry.PreviousETag));
        }

        if (entry.NewETag is not null)
        {
            element.Add(new XAttribute("new-etag", entry.NewETag));
        }

        if (entry.BodyNotChanged)
        {
            element.Add(new XElement(Ns + "body-not-changed"));
        }

        foreach (var operation in entry.Operations)
        {
            element.Add(Operation(operation));
        }

        return element;
    }

    private static XElement Operation(XElement source)
    {
        if (source.Name.LocalName is not ("add" or "replace" or "remove"))
        {
            throw new ArgumentException($"Not a patch operation: {source.Name.LocalName}", nameof(source));
        }

        var sel = (string?)source.Attribute("sel") ?? throw new ArgumentException("Patch operation without 'sel'", nameof(source));
        var selector = PatchSelector.Parse(sel);
        var operation = new XElement(Ns + source.Name.LocalName, source.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => new XAttribute(a)));

        // Every prefixed declaration in scope at the source, nearest first.
        for (var scope = source; scope is not null; scope = scope.Parent)
        {
            foreach (var declaration in scope.Attributes().Where(a => a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.Xmlns))
            {
                if (operation.Attribute(declaration.Name) is null)
                {
                    operation.Add(new XAttribute(declaration));
                }
            }
        }

        foreach (var prefix in selector.Prefixes.Where(p => p != "xml"))
        {
            if (operation.Attribute(XNamespace.Xmlns + prefix) is null)
            {
                throw new ArgumentException($"Prefix '{prefix}' of 'sel' is not declared where the operation comes from", nameof(source));
            }
        }

        var defaultNamespace = source.GetDefaultNamespace();
        if (selector.UsesDefaultNamespace && defaultNamespace != Ns)
        {
            // The directive's own default namespace must be the one its 'sel' means, so it takes a prefix.
            var prefix = "xd";
            for (var n = 1; operation.Attribute(XNamespace.Xmlns + prefix) is not null; n++)
            {
                prefix = "xd" + n.ToString(CultureInfo.InvariantCulture);
            }

            operation.Add(new XAttribute(XNamespace.Xmlns + prefix, Ns.NamespaceName));
            operation.Add(new XAttribute("xmlns", defaultNamespace.NamespaceName));
        }

        operation.Add(source.Nodes().Select(Copy));
        return operation;
    }

    private static XNode Copy(XNode node) => node switch
    {
        XElement e => new XElement(e),
        XCData c => new XCData(c),
        XText t => new XText(t),
        XComment c => new XComment(c),
        XProcessingInstruction p => new XProcessingInstruction(p),
        _ => throw new ArgumentException("Unsupported node in a patch operation", nameof(node)),
    };
}
