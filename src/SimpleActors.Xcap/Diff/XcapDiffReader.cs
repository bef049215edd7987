using System.Xml;
using System.Xml.Linq;
using SimpleActors.Presence.Patch;

namespace SimpleActors.Xcap.Diff;

/// <summary>
/// Reads <c>application/xcap-diff+xml</c> (RFC 5874 section 3) safely: size- and depth-limited, DTDs refused, whitespace kept
/// (it is content in patches). Elements of other namespaces, allowed by the schema, are skipped. Patch directives come
/// out with their in-scope namespace declarations (<see cref="XmlPatch.Standalone"/>), ready for
/// <see cref="XmlPatch.Apply(XDocument, IEnumerable{XElement})"/>.
/// </summary>
public static class XcapDiffReader
{
    public const int DefaultMaxBytes = 1024 * 1024;

    /// <summary>
    /// Element nesting, the root at depth 1: the documents an xcap-diff carries are at most 64 deep (<see cref="XcapLimits.MaxDepth"/>),
    /// and the xcap-diff, document and directive elements around them add 3.
    /// </summary>
    public const int MaxDepth = 100;

    private static readonly XNamespace Ns = XcapDiffDocument.Namespace;

    /// <exception cref="FormatException">Not a well-formed xcap-diff document, larger than <paramref name="maxBytes"/> or nested deeper than <see cref="MaxDepth"/>.</exception>
    public static XcapDiffDocument Parse(ReadOnlySpan<byte> body, int maxBytes = DefaultMaxBytes)
    {
        if (body.Length > maxBytes)
        {
            throw new FormatException("xcap-diff: document too large");
        }

        XDocument xml;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = maxBytes,
                IgnoreWhitespace = false,
            };
            using var stream = new MemoryStream(body.ToArray(), writable: false);

            // The depth first, streaming: copying an element (as every entry and directive is copied) recurses per level,
            // and a 1 MiB document of nested elements overflows the stack.
            using (var check = XmlReader.Create(stream, settings))
            {
                while (check.Read())
                {
                    if (check.NodeType == XmlNodeType.Element && check.Depth >= MaxDepth)
                    {
                        throw new FormatException("xcap-diff: elements nested too deep");
                    }
                }
            }

            stream.Position = 0;
            using var reader = XmlReader.Create(stream, settings);
            xml = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            throw new FormatException("xcap-diff: not well-formed XML", e);
        }
        catch (ArgumentException e)
        {
            // Found by fuzzing (docs/reliability.md): System.Xml's reader, switching encoding at an XML declaration that runs
            // on into undecodable bytes, throws ArgumentOutOfRangeException instead of XmlException.
            throw new FormatException("xcap-diff: not well-formed XML", e);
        }

        return Parse(xml);
    }

    /// <exception cref="FormatException">Not an xcap-diff document.</exception>
    public static XcapDiffDocument Parse(XDocument xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var root = xml.Root;
        if (root is null || root.Name != Ns + "xcap-diff")
        {
            throw new FormatException("xcap-diff: root is not <xcap-diff>");
        }

        var entries = new List<XcapDiffEntry>();
        foreach (var child in root.Elements().Where(e => e.Name.Namespace == Ns))
        {
            var sel = (string?)child.Attribute("sel") ?? throw new FormatException($"xcap-diff: <{child.Name.LocalName}> without sel");
            var exists = Exists(child);
            entries.Add(child.Name.LocalName switch
            {
                "document" => Document(child, sel),
                "element" => new XcapDiffElementEntry(
                    sel,
                    exists ? new XElement(child.Elements().SingleOrDefault() ?? throw new FormatException("xcap-diff: <element> without content")) : null),
                "attribute" => new XcapDiffAttributeEntry(sel, exists ? child.Value : null),
                _ => throw new FormatException($"xcap-diff: unknown element <{child.Name.LocalName}>"),
            });
        }

        return new XcapDiffDocument(
            (string?)root.Attribute("xcap-root") ?? throw new FormatException("xcap-diff: no xcap-root"),
            entries);
    }

    private static XcapDiffDocumentEntry Document(XElement element, string sel)
    {
        var operations = element.Elements()
            .Where(e => e.Name.Namespace == Ns && e.Name.LocalName is "add" or "replace" or "remove")
            .Select(XmlPatch.Standalone)
            .ToList();
        var bodyNotChanged = element.Element(Ns + "body-not-changed") is not null;
        if (bodyNotChanged && operations.Count > 0)
        {
            throw new FormatException("xcap-diff: <document> with both body-not-changed and patch operations");
        }

        return new XcapDiffDocumentEntry(sel)
        {
            PreviousETag = (string?)element.Attribute("previous-etag"),
            NewETag = (string?)element.Attribute("new-etag"),
            BodyNotChanged = bodyNotChanged,
            Operations = operations,
        };
    }

    private static bool Exists(XElement element) => (string?)element.Attribute("exists") switch
    {
        null or "1" or "true" => true,
        "0" or "false" => false,
        _ => throw new FormatException("xcap-diff: exists is not a boolean"),
    };
}
