using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// A compiled schema set with its validation. System.Xml does not promise that one <see cref="XmlSchemaSet"/> may
/// validate on several threads at once (the validator adds to the set's name table), so validations of one set take
/// turns; XCAP writes are rare and documents small.
/// </summary>
public sealed class XcapSchemaSet
{
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private readonly XmlSchemaSet set;
    private readonly Lock gate = new();

    internal XcapSchemaSet(XmlSchemaSet set) => this.set = set;

    /// <summary>The target namespaces of the set's schemas, except the xml namespace every set has.</summary>
    public IReadOnlyList<string> Namespaces =>
        [.. set.Schemas().Cast<XmlSchema>().Select(static s => s.TargetNamespace).OfType<string>()
            .Where(static n => n != XmlNamespace).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Validates the whole document. Null when valid; otherwise the first error's message, for a
    /// <c>&lt;schema-validation-error phrase&gt;</c>. Warnings (elements skipped by lax wildcards) are not errors.
    /// </summary>
    public string? FirstError(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        string? first = null;
        lock (gate)
        {
            document.Validate(set, (_, e) =>
            {
                if (e.Severity == XmlSeverityType.Error)
                {
                    first ??= e.Message;
                }
            }, addSchemaInfo: false);
        }

        return first;
    }

    /// <summary>The root element is one the set declares with this name (lax validation would accept anything else).</summary>
    internal bool Declares(XName name) => set.GlobalElements.Contains(new XmlQualifiedName(name.LocalName, name.NamespaceName));
}
