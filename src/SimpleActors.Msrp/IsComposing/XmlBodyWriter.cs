using System.Text;
using System.Xml;

namespace SimpleActors.Msrp.IsComposing;

/// <summary>
/// Writes the small XML bodies of IM as UTF-8 without byte order mark, with an XML declaration, indented, and with
/// carriage returns in text kept as character references so that what is written reads back equal. Used by
/// <see cref="IsComposingWriter"/> and <see cref="Imdn.ImdnWriter"/>.
/// </summary>
internal static class XmlBodyWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Entitize,
        CheckCharacters = true,
    };

    /// <exception cref="ArgumentException">A value holds a character XML cannot carry.</exception>
    public static byte[] Write(string rootName, string ns, Action<XmlWriter> content)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(rootName, ns);
            content(writer);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }
}
