using System.Globalization;
using System.Xml.Linq;
using SimpleActors.Presence.Patch;

namespace SimpleActors.Presence.PidfDiff;

/// <summary>Reads the tree of a pidf-diff document (RFC 5262 section 3) into a <see cref="PidfDiffDocument"/>.</summary>
internal static class PidfDiffReader
{
    private static readonly XNamespace Ns = PidfDiff.Namespace;

    public static PidfDiffDocument Read(XDocument xml, PresenceLimits? limits)
    {
        var root = xml.Root ?? PresenceDocumentError.Throw<XElement>("pidf-diff: no root element");
        if (root.Name.Namespace != Ns || root.Name.LocalName is not ("pidf-full" or "pidf-diff"))
        {
            PresenceDocumentError.Throw("pidf-diff: the root is neither pidf-full nor pidf-diff");
        }

        // RFC 5262 section 4 (schema): entity is an anyURI naming the presentity, version an unsignedInt; both required.
        var entity = (string?)root.Attribute("entity");
        if (!PresentityUri.IsValid(entity))
        {
            PresenceDocumentError.Throw("pidf-diff: entity must be a pres:, sip: or sips: URI");
        }

        if (!uint.TryParse((string?)root.Attribute("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            PresenceDocumentError.Throw("pidf-diff: version must be an unsigned 32-bit integer");
        }

        return root.Name.LocalName == "pidf-full"
            ? new PidfDiffDocument(entity!, version, Full(root, entity!, limits), [])
            : new PidfDiffDocument(entity!, version, null, Directives(root));
    }

    /// <summary>
    /// RFC 5262 section 3: pidf-full has the content model of PIDF's presence element; the document it stands for is a
    /// presence element with its namespace declarations, its entity and its content, which must pass the PIDF reader.
    /// </summary>
    private static XDocument Full(XElement root, string entity, PresenceLimits? limits)
    {
        var presence = new XElement(
            XName.Get("presence", Pidf.Namespace),
            root.Attributes().Where(a => a.IsNamespaceDeclaration && a.Value != PidfDiff.Namespace).Select(a => new XAttribute(a)),
            new XAttribute("entity", entity),
            root.Nodes());
        var document = new XDocument(presence);
        try
        {
            _ = Pidf.Parse(PidfDiffWriter.Write(document), limits);
        }
        catch (System.Xml.XmlException e)
        {
            // Declarations that cannot stand on <presence>, such as a default namespace other than PIDF's (found by fuzzing).
            PresenceDocumentError.Throw("pidf-full: " + e.Message);
        }

        return document;
    }

    /// <summary>RFC 5262 section 3: the content of pidf-diff is the RFC 5261 directives; whitespace between them is allowed.</summary>
    private static List<XElement> Directives(XElement root)
    {
        foreach (var node in root.Nodes())
        {
            if (node is XText text && !Xml.CanonicalXml.IsXmlWhitespace(text.Value))
            {
                PresenceDocumentError.Throw("pidf-diff: text between directives");
            }
        }

        var directives = new List<XElement>();
        foreach (var element in root.Elements())
        {
            if (element.Name.LocalName is not ("add" or "replace" or "remove"))
            {
                PresenceDocumentError.Throw($"pidf-diff: '{element.Name.LocalName}' is not a patch directive");
            }

            directives.Add(XmlPatch.Standalone(element));
        }

        return directives;
    }
}
