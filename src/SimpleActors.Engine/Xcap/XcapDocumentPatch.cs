using System.Xml;
using System.Xml.Linq;
using SimpleActors.Presence.Patch;

namespace SimpleActors.Engine.Xcap;

/// <summary>
/// The RFC 5261 patch from one version of a document to the next, for xcap-diff (RFC 5874 section 3), each operation a
/// standalone element (its namespace declarations on it). Made only for documents of moderate size; none (empty) when a
/// version is missing or does not parse: the watcher then fetches the document (RFC 5875 section 4.8).
/// </summary>
public static class XcapDocumentPatch
{
    /// <summary>Documents larger than this get no patch (a patch of a large document costs more than fetching it).</summary>
    public const int MaxBytes = 64 * 1024;

    public static IReadOnlyList<string> Between(byte[]? previous, byte[]? next)
    {
        if (previous is null || next is null || previous.Length > MaxBytes || next.Length > MaxBytes)
        {
            return [];
        }

        try
        {
            var operations = XmlPatch.Diff(StoredDocument.Read(previous), StoredDocument.Read(next));
            return [.. operations.Select(o => XmlPatch.Standalone(o).ToString(SaveOptions.DisableFormatting))];
        }
        catch (Exception e) when (e is XmlException or XmlPatchException or InvalidOperationException or ArgumentException)
        {
            return [];
        }
    }
}
