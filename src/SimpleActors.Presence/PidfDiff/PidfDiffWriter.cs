using System.Buffers.Text;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace SimpleActors.Presence.PidfDiff;

/// <summary>
/// Writes pidf-diff documents and the PIDF documents patches make: UTF-8 without a BOM, an XML declaration, no indentation
/// (RFC 5261: whitespace is content), CR, LF and tab in values as character references so that they read back exactly.
/// </summary>
internal static class PidfDiffWriter
{
    private static readonly XNamespace Ns = PidfDiff.Namespace;

    private static readonly XmlWriterSettings DocumentSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        NewLineHandling = NewLineHandling.Entitize,
        OmitXmlDeclaration = false,
        CheckCharacters = true,
        CloseOutput = false,
    };

    private static readonly XmlWriterSettings FragmentSettings = DocumentSettings.Clone().With(s =>
    {
        s.OmitXmlDeclaration = true;
        s.ConformanceLevel = ConformanceLevel.Fragment;
    });

    // The start of every pidf-diff: PIDF as the default namespace, so that the 'sel' of RFC 5262 section 3's examples
    // (unprefixed names) means the PIDF elements; the directives name their own namespaces.
    private static ReadOnlySpan<byte> DiffStart =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><p:pidf-diff xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:p=\"urn:ietf:params:xml:ns:pidf-diff\" entity=\""u8;

    private static ReadOnlySpan<byte> VersionStart => "\" version=\""u8;

    private static ReadOnlySpan<byte> DiffEnd => "</p:pidf-diff>"u8;

    public static byte[] Write(XDocument document)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, DocumentSettings))
        {
            document.Root!.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    public static byte[] WriteFull(XDocument presence, uint version)
    {
        var root = presence.Root!;
        if (root.Name != XName.Get("presence", Pidf.Namespace))
        {
            PresenceDocumentError.Throw("PIDF: the root element is not presence");
        }

        var prefix = "p";
        for (var n = 0; root.Attribute(XNamespace.Xmlns + prefix) is { } taken && taken.Value != PidfDiff.Namespace; n++)
        {
            prefix = "pd" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var full = new XElement(
            Ns + "pidf-full",
            root.Attributes().Where(a => a.Name != XNamespace.Xmlns + prefix).Select(a => new XAttribute(a)),
            new XAttribute(XNamespace.Xmlns + prefix, PidfDiff.Namespace),
            new XAttribute("version", version),
            root.Nodes());
        return Write(new XDocument(full));
    }

    public static byte[] WriteDirectives(IReadOnlyList<XElement> directives)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, FragmentSettings))
        {
            foreach (var directive in directives)
            {
                directive.WriteTo(writer);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The wrapper around directives already written: one allocation, the directives copied once.</summary>
    public static byte[] WriteDiff(string entity, uint version, ReadOnlySpan<byte> directives)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var escaped = System.Security.SecurityElement.Escape(entity);
        Span<byte> number = stackalloc byte[10];
        Utf8Formatter.TryFormat(version, number, out var digits);
        var length = DiffStart.Length + Encoding.UTF8.GetByteCount(escaped) + VersionStart.Length + digits + 2 + directives.Length + DiffEnd.Length;
        var bytes = new byte[length];
        var at = 0;
        Append(bytes, ref at, DiffStart);
        at += Encoding.UTF8.GetBytes(escaped, bytes.AsSpan(at));
        Append(bytes, ref at, VersionStart);
        Append(bytes, ref at, number[..digits]);
        Append(bytes, ref at, "\">"u8);
        Append(bytes, ref at, directives);
        Append(bytes, ref at, DiffEnd);
        return bytes;
    }

    private static void Append(byte[] bytes, ref int at, ReadOnlySpan<byte> part)
    {
        part.CopyTo(bytes.AsSpan(at));
        at += part.Length;
    }

    private static XmlWriterSettings With(this XmlWriterSettings settings, Action<XmlWriterSettings> change)
    {
        change(settings);
        return settings;
    }
}
