using System.Text;
using System.Xml;
using System.Xml.Linq;
using SimpleActors.Xcap.Errors;

namespace SimpleActors.Xcap.Xml;

/// <summary>
/// Reads XCAP bodies and documents safely.
/// <list type="bullet">
/// <item>The size is checked before anything is read (413).</item>
/// <item>The bytes must be UTF-8 (RFC 4825 section 8.2.2): a UTF-16/32 byte order mark, bytes that do not decode, or an XML
/// declaration naming another encoding give 409 <c>not-utf-8</c>. A UTF-8 byte order mark is allowed and kept.</item>
/// <item>DTDs are prohibited: no entity is expanded and nothing is fetched, so billion-laughs and external-entity bodies stop
/// at their DOCTYPE. We answer them 409 <c>not-well-formed</c> (phrase "DTDs are not allowed"): XML calls such a
/// document well-formed, but no XCAP usage has a DTD, and a 409 gives the client a machine-readable reason.</item>
/// <item>No resolver is set and XInclude is never processed; an element in an XInclude namespace is refused with 409
/// <c>constraint-failure</c>, so that no later reader of the stored document can be made to process it either.</item>
/// <item>Depth, element count and attributes per element are checked element by element on a first streaming pass, so a
/// 20,000-deep or 20,000-wide body is refused (413) before any tree is built.</item>
/// <item>Comments, processing instructions and white space are kept: the text is what is stored and served back.</item>
/// </list>
/// </summary>
internal static class XcapXmlParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly string[] XIncludeNamespaces = ["http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude"];

    /// <summary>Reads a document body (a document PUT) or a stored document.</summary>
    /// <exception cref="XcapFailure">413, or 409 not-utf-8, not-well-formed or constraint-failure.</exception>
    public static SourceDocument ParseDocument(ReadOnlySpan<byte> bytes, XcapLimits limits)
    {
        if (bytes.Length > limits.MaxDocumentBytes)
        {
            XcapFailure.Throw(413, "document too large");
        }

        var hasBom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        if (hasBom)
        {
            bytes = bytes[3..];
        }

        return ParseText(DecodeUtf8(bytes), hasBom, limits);
    }

    /// <summary>Strict UTF-8 decoding of a body (RFC 4825 section 8.2.2), or 409 not-utf-8.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        // UTF-16 and UTF-32 with or without a byte order mark: a NUL or an FE/FF byte in the first bytes is never UTF-8 XML.
        var head = bytes[..Math.Min(4, bytes.Length)];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.Contains((byte)0))
        {
            XcapFailure.Conflict(XcapErrorKind.NotUtf8, "the body is not UTF-8");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return ThrowNotUtf8();
        }
    }

    /// <summary>Reads a document from its text (a stored document, or one a PUT or DELETE has just spliced).</summary>
    public static SourceDocument ParseText(string text, bool hasBom, XcapLimits limits)
    {
        if (Encoding.UTF8.GetByteCount(text) > limits.MaxDocumentBytes)
        {
            XcapFailure.Throw(413, "document too large");
        }

        try
        {
            CheckShape(text, limits, ConformanceLevel.Document, null);
            using var reader = XmlReader.Create(new StringReader(text), Settings(limits, ConformanceLevel.Document));
            var tree = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
            var sources = SourceScanner.Scan(text);
            var elements = tree.Descendants().ToList();
            if (elements.Count != sources.Count)
            {
                throw new InvalidOperationException("the source scanner and the XML reader disagree on the elements");
            }

            var map = new Dictionary<XElement, SourceElement>(elements.Count, ReferenceEqualityComparer.Instance);
            for (var i = 0; i < elements.Count; i++)
            {
                map[elements[i]] = sources[i];
            }

            return new SourceDocument(text, hasBom, tree, map);
        }
        catch (XmlException e)
        {
            return ThrowNotWellFormed(text, e);
        }
    }

    /// <summary>
    /// Reads an element PUT body (RFC 4825 section 8.2.2): one element, white space around it allowed, nothing else, read
    /// with the namespace bindings in scope where it goes. Returns the element's text without the white space and its
    /// expanded name; 409 not-xml-frag otherwise.
    /// </summary>
    public static (string Text, XName Name) ParseElementFragment(string body, IReadOnlyList<KeyValuePair<string, string>> scope, XcapLimits limits)
    {
        try
        {
            var (name, first, last) = CheckShape(body, limits, ConformanceLevel.Fragment, scope);
            if (name is null)
            {
                XcapFailure.Conflict(XcapErrorKind.NotXmlFrag, "the body must be exactly one element");
            }

            return (body[first..last], name);
        }
        catch (XmlException e)
        {
            XcapFailure.Conflict(XcapErrorKind.NotXmlFrag, body.Contains("<!DOCTYPE", StringComparison.Ordinal) ? "DTDs are not allowed" : e.Message);
            return default;
        }
    }

    private static XmlReaderSettings Settings(XcapLimits limits, ConformanceLevel level) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = limits.MaxDocumentBytes,
        IgnoreComments = false,
        IgnoreProcessingInstructions = false,
        IgnoreWhitespace = false,
        CheckCharacters = true,
        ConformanceLevel = level,
        CloseInput = true,
    };

    // The streaming pass: limits, XInclude, the encoding declaration; for a fragment also that the top level is one element
    // in white space (its name and text range are returned).
    private static (XName? Name, int First, int Last) CheckShape(
        string text, XcapLimits limits, ConformanceLevel level, IReadOnlyList<KeyValuePair<string, string>>? scope)
    {
        XmlParserContext? context = null;
        if (scope is not null)
        {
            var names = new NameTable();
            var manager = new XmlNamespaceManager(names);
            foreach (var (prefix, ns) in scope)
            {
                manager.AddNamespace(prefix, ns);
            }

            context = new XmlParserContext(names, manager, null, XmlSpace.None);
        }

        using var reader = XmlReader.Create(new StringReader(text), Settings(limits, level), context);
        var elements = 0;
        XName? topName = null;
        var topCount = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.XmlDeclaration:
                    if (level == ConformanceLevel.Fragment)
                    {
                        XcapFailure.Conflict(XcapErrorKind.NotXmlFrag, "an element body has no XML declaration");
                    }

                    var encoding = reader.GetAttribute("encoding");
                    if (encoding is not null && !string.Equals(encoding, "UTF-8", StringComparison.OrdinalIgnoreCase))
                    {
                        XcapFailure.Conflict(XcapErrorKind.NotUtf8, $"the document declares the encoding {encoding}");
                    }

                    break;

                case XmlNodeType.Element:
                    if (++elements > limits.MaxElements)
                    {
                        XcapFailure.Throw(413, "too many elements");
                    }

                    if (reader.Depth + 1 > limits.MaxDepth)
                    {
                        XcapFailure.Throw(413, "elements nested too deep");
                    }

                    if (reader.AttributeCount > limits.MaxAttributesPerElement)
                    {
                        XcapFailure.Throw(413, "too many attributes on one element");
                    }

                    if (Array.IndexOf(XIncludeNamespaces, reader.NamespaceURI) >= 0)
                    {
                        XcapFailure.Conflict(XcapErrorKind.ConstraintFailure, "XInclude is not allowed");
                    }

                    if (reader.Depth == 0)
                    {
                        topCount++;
                        topName = XName.Get(reader.LocalName, reader.NamespaceURI);
                    }

                    break;

                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                case XmlNodeType.EndElement:
                    break;

                default:
                    if (level == ConformanceLevel.Fragment && reader.Depth == 0)
                    {
                        XcapFailure.Conflict(XcapErrorKind.NotXmlFrag, "the body must be exactly one element, without text, comments or processing instructions around it");
                    }

                    break;
            }
        }

        if (level == ConformanceLevel.Document)
        {
            return (topName, 0, text.Length);
        }

        if (topCount != 1)
        {
            return (null, 0, 0);
        }

        var first = text.IndexOf('<', StringComparison.Ordinal);
        var last = text.LastIndexOf('>') + 1;
        return (topName, first, last);
    }

    private static SourceDocument ThrowNotWellFormed(string text, XmlException e)
    {
        var phrase = text.Contains("<!DOCTYPE", StringComparison.Ordinal) ? "DTDs are not allowed" : e.Message;
        XcapFailure.Conflict(XcapErrorKind.NotWellFormed, phrase);
        return null!;
    }

    private static string ThrowNotUtf8()
    {
        XcapFailure.Conflict(XcapErrorKind.NotUtf8, "the body is not UTF-8");
        return null!;
    }
}
