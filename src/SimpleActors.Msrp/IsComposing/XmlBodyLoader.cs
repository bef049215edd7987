using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace SimpleActors.Msrp.IsComposing;

/// <summary>
/// Reads the small XML bodies of IM (isComposing, RFC 3994; IMDN, RFC 5438) safely, the way SimpleActors.Presence's
/// SecureXmlLoader reads presence documents: the size is checked first, DTDs are prohibited (no entity expansion, no
/// external fetch), nothing is resolved, depth and element count are checked as each element is read. What comes out is
/// a tree of element names and text only: attributes, comments and processing instructions are dropped. Every rejection
/// is the caller's typed exception. Written here rather than shared with SimpleActors.Presence, whose loader is internal,
/// throws the presence error and canonicalizes for PIDF: this library stays BCL-only. <see cref="Imdn.ImdnReader"/> uses it too.
/// </summary>
internal static class XmlBodyLoader
{
    public const int MaxDocumentBytes = 64 * 1024;
    public const int MaxDepth = 16;
    public const int MaxElements = 256;

    private static ReadOnlySpan<byte> DoctypeMarker => "<!DOCTYPE"u8;

    /// <param name="bytes">The document (UTF-8 unless a BOM or the declaration says otherwise).</param>
    /// <param name="format">Prefix of every rejection reason, e.g. "IMDN".</param>
    /// <param name="reject">Makes the caller's exception from a reason and the reader's exception, if any.</param>
    public static XElement Load(ReadOnlySpan<byte> bytes, string format, Func<string, Exception?, Exception> reject)
    {
        if (bytes.IsEmpty)
        {
            throw reject($"{format}: empty document", null);
        }

        if (bytes.Length > MaxDocumentBytes)
        {
            throw reject($"{format}: document too large", null);
        }

        var copy = bytes.ToArray();
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(copy, writable: false), Settings);
            return Read(reader, format, reject);
        }
        catch (XmlException e)
        {
            throw reject(bytes.IndexOf(DoctypeMarker) >= 0 ? $"{format}: DTD not allowed" : $"{format}: not well-formed XML", e);
        }
        catch (DecoderFallbackException e)
        {
            throw reject($"{format}: bad character encoding", e);
        }
        catch (ArgumentException e)
        {
            // System.Xml may fail this way, rather than with XmlException, on a declaration whose encoding runs into
            // undecodable bytes (found by fuzzing SimpleActors.Presence).
            throw reject($"{format}: not well-formed XML", e);
        }
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = MaxDocumentBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CheckCharacters = true,
        ConformanceLevel = ConformanceLevel.Document,
        CloseInput = true,
    };

    private static XElement Read(XmlReader reader, string format, Func<string, Exception?, Exception> reject)
    {
        XElement? root = null;
        var open = new Stack<XElement>();
        var elements = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (++elements > MaxElements)
                    {
                        throw reject($"{format}: too many elements", null);
                    }

                    if (open.Count + 1 > MaxDepth)
                    {
                        throw reject($"{format}: nesting too deep", null);
                    }

                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    if (open.TryPeek(out var parent))
                    {
                        parent.Add(element);
                    }
                    else
                    {
                        root = element;
                    }

                    if (!reader.IsEmptyElement)
                    {
                        open.Push(element);
                    }

                    break;

                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (open.TryPeek(out var current))
                    {
                        current.Add(new XText(reader.Value));
                    }

                    break;

                case XmlNodeType.EndElement:
                    open.Pop();
                    break;
            }
        }

        return root ?? throw reject($"{format}: not well-formed XML", null);
    }

    /// <summary>The text of an element (all of its text nodes), or null when it has child elements.</summary>
    public static string? LeafText(XElement element) =>
        element.HasElements ? null : string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value));

    /// <summary>True when an element holds text other than XML white space beside its children.</summary>
    public static bool HasText(XElement element) =>
        element.Nodes().OfType<XText>().Any(t => t.Value.AsSpan().TrimStart(XmlWhitespace).Length > 0);

    /// <summary>XML white space (the S production: space, tab, CR, LF), which a token's value is read without.</summary>
    public static string Trim(string text) => text.Trim(' ', '\t', '\r', '\n');

    private const string XmlWhitespace = " \t\r\n";
}
