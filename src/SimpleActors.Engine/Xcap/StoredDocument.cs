using System.Xml;
using System.Xml.Linq;

namespace SimpleActors.Engine.Xcap;

/// <summary>
/// Reads a document the XCAP server stored (it passed the XCAP reader's limits when it was written) as a tree, whitespace
/// kept, for the server's own edits and patches; still with DTDs prohibited and nothing resolved.
/// </summary>
internal static class StoredDocument
{
    /// <summary>The largest stored document (XCAP's document limit).</summary>
    private const int MaxBytes = 1024 * 1024;

    public static XDocument Read(byte[] bytes)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxBytes, MaxCharactersFromEntities = 1024,
        };
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = XmlReader.Create(stream, settings);
        return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
    }
}
