using System.Globalization;
using System.Xml.Linq;
using SimpleActors.Xcap.Errors;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// The shared shape of this server's application usages: a root element and a schema set, uniqueness rules, other
/// constraints, checked in the order of RFC 4825 section 8.2.5. Usages say what their rules are; this class runs them
/// and writes the error.
/// </summary>
public abstract class ApplicationUsage : IApplicationUsage
{
    public abstract string Auid { get; }

    public abstract string MimeType { get; }

    public abstract string DefaultNamespace { get; }

    public virtual bool ServerWritten => false;

    public virtual GlobalAccess GlobalTree => GlobalAccess.None;

    public virtual bool AllowsUserTree => true;

    public virtual string DefaultDocumentName => "index";

    /// <summary>The usage's default namespace and every namespace of its schemas.</summary>
    public IReadOnlyList<string> Namespaces => [.. new[] { DefaultNamespace }.Concat(Schemas.Namespaces).Distinct(StringComparer.Ordinal)];

    /// <summary>The root element every document of the usage has.</summary>
    public abstract XName RootElement { get; }

    /// <summary>The usage's compiled schemas.</summary>
    public abstract XcapSchemaSet Schemas { get; }

    public XcapError? Validate(XDocument document, XcapDocumentSelector selector)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(selector);
        if (document.Root is not { } root)
        {
            return new XcapError(XcapErrorKind.SchemaValidationError, "the document has no root element");
        }

        if (root.Name != RootElement || !Schemas.Declares(root.Name))
        {
            return new XcapError(
                XcapErrorKind.SchemaValidationError,
                $"the root element must be <{RootElement.LocalName}> in namespace {RootElement.NamespaceName}, not <{root.Name.LocalName}> in namespace {root.Name.NamespaceName}");
        }

        // RFC 4825 section 8.2.5: schema, then uniqueness, then the other constraints.
        var clashes = new List<UniquenessClash>();
        FindClashes(document, clashes);
        if (Schemas.FirstError(document) is { } schemaError
            && (clashes.Count == 0 || !ValidWithAlternatives(document, clashes)))
        {
            return new XcapError(XcapErrorKind.SchemaValidationError, schemaError);
        }

        if (clashes.Count > 0)
        {
            // A schema that types the value xs:ID already rejects a repeat; the document above was valid but for the repeats,
            // so the uniqueness-failure with an alternative value is the more useful answer.
            return new XcapError(XcapErrorKind.UniquenessFailure)
            {
                Fields = [.. clashes.Select(c => new UniquenessField(Field(c.Element, c.Attribute), c.AlternativeValues))],
            };
        }

        return CheckConstraints(document, selector);
    }

    /// <summary>Adds every attribute that repeats a value its uniqueness scope already has. None by default.</summary>
    private protected virtual void FindClashes(XDocument document, List<UniquenessClash> clashes)
    {
    }

    /// <summary>The constraints beyond schema and uniqueness (RFC 4825 section 5.3): null, or a constraint-failure. None by default.</summary>
    private protected virtual XcapError? CheckConstraints(XDocument document, XcapDocumentSelector selector) => null;

    /// <summary>The document would be schema-valid if every clash took its alternative value (its schema errors are the repeats).</summary>
    private bool ValidWithAlternatives(XDocument document, List<UniquenessClash> clashes)
    {
        // The copy has the same elements in the same document order.
        var positions = document.Descendants().Select(static (e, i) => (e, i)).ToDictionary(static p => p.e, static p => p.i);
        var copy = new XDocument(document);
        var copies = copy.Descendants().ToList();
        foreach (var clash in clashes)
        {
            if (clash.AlternativeValues.Count > 0)
            {
                copies[positions[clash.Element]].SetAttributeValue(clash.Attribute, clash.AlternativeValues[0]);
            }
        }

        return Schemas.FirstError(copy) is null;
    }

    /// <summary>
    /// The node selector of the clashing attribute, relative to the document (RFC 4825 section 11, <c>&lt;exists field&gt;</c>):
    /// a position among same-named siblings where there are several, elements outside the default namespace with the
    /// document's own prefix (or a conventional one).
    /// </summary>
    private string Field(XElement element, XName attribute)
    {
        var steps = new Stack<string>();
        for (var e = element; e is not null; e = e.Parent)
        {
            var step = StepName(e);
            if (e.Parent is { } parent)
            {
                var named = parent.Elements(e.Name).ToList();
                if (named.Count > 1)
                {
                    step += "[" + (named.IndexOf(e) + 1).ToString(CultureInfo.InvariantCulture) + "]";
                }
            }

            steps.Push(step);
        }

        var attributeStep = attribute.Namespace == XNamespace.None ? attribute.LocalName : $"{Prefix(element, attribute.Namespace)}:{attribute.LocalName}";
        return string.Join('/', steps) + "/@" + attributeStep;
    }

    private string StepName(XElement element) =>
        element.Name.NamespaceName == DefaultNamespace ? element.Name.LocalName : $"{Prefix(element, element.Name.Namespace)}:{element.Name.LocalName}";

    private static string Prefix(XElement element, XNamespace ns)
    {
        if (element.GetPrefixOfNamespace(ns) is { Length: > 0 } own)
        {
            return own;
        }

        return ns.NamespaceName switch
        {
            XcapNamespaces.CommonPolicy => "cp",
            XcapNamespaces.PresRules => "pr",
            XcapNamespaces.ResourceLists => "rl",
            XcapNamespaces.RlsServices => "rls",
            XcapNamespaces.Pidf => "pidf",
            XcapNamespaces.PidfDataModel => "dm",
            _ => "ns",
        };
    }
}
