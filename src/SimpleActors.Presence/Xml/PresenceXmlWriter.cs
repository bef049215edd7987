using System.Text;
using System.Xml;

namespace SimpleActors.Presence.Xml;

/// <summary>
/// The one way presence documents are written: UTF-8 without a BOM, an XML declaration, two-space
/// indentation with LF, and CR, LF and tab inside text and attribute values written as character
/// references so that a reader gets back exactly the characters that were written. Same document,
/// same bytes.
/// </summary>
internal static class PresenceXmlWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Entitize,
        OmitXmlDeclaration = false,
        CheckCharacters = true,
        CloseOutput = false,
    };

    /// <summary>Runs <paramref name="write"/> between the document start and end and returns the bytes.</summary>
    public static byte[] Write<TState>(TState state, Action<XmlWriter, TState> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            writer.WriteStartDocument();
            write(writer, state);
            writer.WriteEndDocument();
        }

        return buffer.ToArray();
    }
}
