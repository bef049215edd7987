using System.Xml.Linq;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// Writes a user's OMA XDM xcap-directory document: one <c>&lt;folder auid&gt;</c> per application usage, in the order the
/// usages first appear, each with an <c>&lt;entry uri etag&gt;</c> per document.
/// </summary>
public static class XcapDirectoryDocument
{
    private static readonly XNamespace Ns = XcapNamespaces.XcapDirectory;

    /// <param name="documents">The user's documents: AUID, the document's absolute XCAP URI, its current entity tag.</param>
    public static XDocument Write(IEnumerable<(string Auid, string Uri, string ETag)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var folders = documents
            .GroupBy(static d => d.Auid, StringComparer.Ordinal)
            .Select(g => new XElement(
                Ns + "folder",
                new XAttribute("auid", g.Key),
                g.Select(d => new XElement(Ns + "entry", new XAttribute("uri", d.Uri), new XAttribute("etag", d.ETag)))));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement(Ns + "xcap-directory", folders));
    }
}
