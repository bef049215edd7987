using System.Xml.Linq;
using SimpleActors.Xcap.Errors;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// rls-services (RFC 4826 section 4.4): the resource list services a user defines, each a URI that a SUBSCRIBE can target
/// and either a list inline or a reference to one. Documents live in users' trees; the global document
/// <c>rls-services/global/index</c> is the union of all users' services, which the server builds and only privileged
/// users (the RLS) read (section 4.4.7).
/// </summary>
/// <remarks>
/// This usage checks that service URIs are unique inside one document. Section 4.4.5 requires them unique across every
/// user's documents: the server checks that with <see cref="ServiceUris"/>, <see cref="UriCanonicalForm"/> and
/// <see cref="AlternativeValue.ForUri"/>.
/// </remarks>
public sealed class RlsServicesUsage : ApplicationUsage
{
    private static readonly XNamespace Rls = XcapNamespaces.RlsServices;
    private static readonly XName Service = Rls + "service";
    private static readonly XName ServiceList = Rls + "list";
    private static readonly XName ResourceList = Rls + "resource-list";

    public static RlsServicesUsage Instance { get; } = new();

    private RlsServicesUsage()
    {
    }

    public override string Auid => "rls-services";

    public override string MimeType => "application/rls-services+xml";

    public override string DefaultNamespace => XcapNamespaces.RlsServices;

    public override GlobalAccess GlobalTree => GlobalAccess.ReadByPrivileged;

    public override XName RootElement { get; } = Rls + "rls-services";

    public override XcapSchemaSet Schemas => XcapSchemas.RlsServices;

    /// <summary>The <c>service/@uri</c> values of a document, as written (compare them with <see cref="UriCanonicalForm"/>).</summary>
    public static IReadOnlyList<string> ServiceUris(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Root is { } root && root.Name.Namespace == Rls
            ? [.. root.Elements(Service).Select(static s => (string?)s.Attribute("uri")).OfType<string>()]
            : [];
    }

    private protected override void FindClashes(XDocument document, List<UniquenessClash> clashes)
    {
        var root = document.Root!;
        UniqueValues.Check(root.Elements(Service), "uri", UriCanonicalForm.Of, AlternativeValue.ForUri, clashes);
        foreach (var list in root.Elements(Service).Elements(ServiceList))
        {
            ResourceListRules.FindClashes(list, clashes);
        }
    }

    private protected override XcapError? CheckConstraints(XDocument document, XcapDocumentSelector selector)
    {
        var root = document.Root!;
        foreach (var resourceList in root.Elements(Service).Elements(ResourceList))
        {
            // RFC 4826 section 4.4.5: an absolute HTTP URI of a <list> element.
            if (ListReferences.ListUriProblem(resourceList.Value.Trim(), "resource-list") is { } problem)
            {
                return new XcapError(XcapErrorKind.ConstraintFailure, problem);
            }
        }

        foreach (var list in root.Elements(Service).Elements(ServiceList))
        {
            if (ResourceListRules.CheckReferences(list) is { } error)
            {
                return error;
            }
        }

        return null;
    }
}
