using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace SimpleActors.Presence.Patch;

/// <summary>
/// The error document of RFC 5261 section 5.1: <c>&lt;patch-ops-error xmlns="urn:ietf:params:xml:ns:patch-ops-error"&gt;</c>
/// holding one error element with a 'phrase' attribute and, when known, a copy of the failing directive.
/// </summary>
public static class PatchErrorDocument
{
    public static readonly XNamespace Namespace = "urn:ietf:params:xml:ns:patch-ops-error";

    public const string MediaType = "application/patch-ops-error+xml";

    private static readonly string[] Names =
    [
        "invalid-attribute-value",
        "invalid-character-set",
        "invalid-diff-format",
        "invalid-entity-declaration",
        "invalid-namespace-prefix",
        "invalid-namespace-uri",
        "invalid-node-types",
        "invalid-patch-directive",
        "invalid-root-element-operation",
        "invalid-xml-prolog-operation",
        "invalid-whitespace-directive",
        "unlocated-node",
        "unsupported-id-function",
        "unsupported-xml-id",
    ];

    /// <summary>The error element's local name, e.g. <c>unlocated-node</c> for <see cref="PatchErrorKind.UnlocatedNode"/>.</summary>
    public static string ElementName(PatchErrorKind kind) =>
        (uint)kind < (uint)Names.Length ? Names[(int)kind] : throw new ArgumentOutOfRangeException(nameof(kind));

    /// <summary>The kind whose error element has this local name; false for names RFC 5261 does not define.</summary>
    public static bool TryParseElementName(string name, out PatchErrorKind kind)
    {
        var index = Array.IndexOf(Names, name);
        kind = (PatchErrorKind)Math.Max(index, 0);
        return index >= 0;
    }

    public static XDocument Create(XmlPatchException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Create(error.Kind, error.Phrase, error.Operation);
    }

    public static XDocument Create(PatchErrorKind kind, string? phrase, XElement? operation = null)
    {
        var element = new XElement(Namespace + ElementName(kind));
        if (!string.IsNullOrEmpty(phrase))
        {
            element.Add(new XAttribute("phrase", phrase));
        }

        if (operation is not null)
        {
            element.Add(new XElement(operation));
        }

        return new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement(Namespace + "patch-ops-error", element));
    }

    /// <summary>The error document as UTF-8 bytes (no byte order mark), ready for a response body.</summary>
    public static byte[] Write(XmlPatchException error)
    {
        var document = Create(error);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, NewLineHandling = NewLineHandling.Entitize };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }
}
