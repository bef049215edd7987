using System.Buffers;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace SimpleActors.Presence.Xml;

/// <summary>
/// Reads a presence document's bytes into an element tree, safely: the size is checked first, DTDs
/// are prohibited (no entity expansion, no external fetch), nothing is resolved, and depth and
/// element count are checked as each element is read. The tree comes out in canonical form (see
/// <see cref="CanonicalXml"/>): no comments, no processing instructions, no namespace declaration
/// attributes, adjacent text merged and whitespace between elements dropped.
/// </summary>
internal static class SecureXmlLoader
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private static ReadOnlySpan<byte> DoctypeMarker => "<!DOCTYPE"u8;

    /// <param name="bytes">The document; the encoding is detected (UTF-8 unless a BOM or the declaration says otherwise).</param>
    /// <param name="limits">Null for <see cref="PresenceLimits.Default"/>.</param>
    /// <param name="format">Prefix of every rejection reason, e.g. "PIDF".</param>
    public static XElement Load(ReadOnlySpan<byte> bytes, PresenceLimits? limits, string format)
    {
        limits = Checked(bytes, limits, format);
        var buffer = ArrayPool<byte>.Shared.Rent(bytes.Length);
        try
        {
            bytes.CopyTo(buffer);
            using var stream = new MemoryStream(buffer, 0, bytes.Length, writable: false);
            using var reader = XmlReader.Create(stream, Settings(limits));
            return Read(reader, limits, format);
        }
        catch (Exception e) when (e is XmlException or DecoderFallbackException or ArgumentException)
        {
            return Rejected<XElement>(e, bytes, format);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static PresenceLimits Checked(ReadOnlySpan<byte> bytes, PresenceLimits? limits, string format)
    {
        limits ??= PresenceLimits.Default;
        limits.ThrowIfInvalid();
        if (bytes.Length > limits.MaxDocumentBytes)
        {
            PresenceDocumentError.Throw($"{format}: document too large");
        }

        if (bytes.IsEmpty)
        {
            PresenceDocumentError.Throw($"{format}: empty document");
        }

        return limits;
    }

    /// <summary>What the reader threw on the bytes, as the rejection of a malformed document.</summary>
    private static T Rejected<T>(Exception e, ReadOnlySpan<byte> bytes, string format) => e switch
    {
        // With DTDs prohibited the reader stops at the DOCTYPE; say so rather than "malformed".
        XmlException => PresenceDocumentError.Throw<T>(bytes.IndexOf(DoctypeMarker) >= 0 ? $"{format}: DTD not allowed" : $"{format}: not well-formed XML", e),
        DecoderFallbackException => PresenceDocumentError.Throw<T>($"{format}: bad character encoding", e),

        // Found by fuzzing (docs/reliability.md): System.Xml's reader, switching encoding at an XML declaration that runs
        // on into undecodable bytes, fails with ArgumentOutOfRangeException instead of XmlException. Whatever the reader
        // throws on the bytes is a malformed document.
        _ => PresenceDocumentError.Throw<T>($"{format}: not well-formed XML", e),
    };

    /// <summary>
    /// The same checks (size first, DTD prohibited, nothing resolved, depth and element count while reading), but the tree as
    /// written: whitespace and namespace declarations kept, for patch documents (RFC 5261 section 4.2: a directive's prefixes
    /// are those declared in scope; whitespace is content). Comments and processing instructions are still dropped.
    /// </summary>
    public static XDocument LoadDocument(ReadOnlySpan<byte> bytes, PresenceLimits? limits, string format)
    {
        limits = Checked(bytes, limits, format);
        var copy = bytes.ToArray();
        try
        {
            // The limits first, streaming: building (and later copying) a tree recurses per level.
            using (var check = XmlReader.Create(new MemoryStream(copy, writable: false), Settings(limits)))
            {
                var elements = 0;
                while (check.Read())
                {
                    if (check.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    CheckElement(++elements, check.Depth + 1, limits, format);
                }
            }

            using var reader = XmlReader.Create(new MemoryStream(copy, writable: false), Settings(limits));
            return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (Exception e) when (e is XmlException or DecoderFallbackException or ArgumentException)
        {
            return Rejected<XDocument>(e, bytes, format);
        }
    }

    /// <summary>The limits on the <paramref name="count"/>-th element read, at <paramref name="depth"/> (the root at 1).</summary>
    private static void CheckElement(int count, int depth, PresenceLimits limits, string format)
    {
        if (count > limits.MaxElements)
        {
            PresenceDocumentError.Throw($"{format}: too many elements");
        }

        if (depth > limits.MaxDepth)
        {
            PresenceDocumentError.Throw($"{format}: nesting too deep");
        }
    }

    private static XmlReaderSettings Settings(PresenceLimits limits) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = limits.MaxDocumentBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CheckCharacters = true,
        ConformanceLevel = ConformanceLevel.Document,
        CloseInput = false,
    };

    private static XElement Read(XmlReader reader, PresenceLimits limits, string format)
    {
        XElement? root = null;
        var open = new Stack<XElement>();
        var elements = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    CheckElement(++elements, open.Count + 1, limits, format);

                    var element = ReadElement(reader);
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

                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    if (open.TryPeek(out var current))
                    {
                        CanonicalXml.AppendText(current, reader.Value);
                    }

                    break;

                case XmlNodeType.EndElement:
                    CanonicalXml.DropWhitespaceBetweenElements(open.Pop());
                    break;
            }
        }

        return root ?? PresenceDocumentError.Throw<XElement>($"{format}: not well-formed XML");
    }

    private static XElement ReadElement(XmlReader reader)
    {
        var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.NamespaceURI != XmlnsNamespace)
                {
                    element.Add(new XAttribute(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value));
                }
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }

        return element;
    }
}
