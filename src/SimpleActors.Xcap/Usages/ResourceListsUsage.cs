using System.Xml.Linq;
using SimpleActors.Xcap.Errors;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// resource-lists (RFC 4826 section 3.4): users' lists of URIs (buddy lists). Documents live in users' trees, conventionally
/// named <c>index</c> (section 3.4.7); there are no global documents.
/// </summary>
public sealed class ResourceListsUsage : ApplicationUsage
{
    public static ResourceListsUsage Instance { get; } = new();

    private ResourceListsUsage()
    {
    }

    public override string Auid => "resource-lists";

    public override string MimeType => "application/resource-lists+xml";

    public override string DefaultNamespace => XcapNamespaces.ResourceLists;

    public override XName RootElement { get; } = XName.Get("resource-lists", XcapNamespaces.ResourceLists);

    public override XcapSchemaSet Schemas => XcapSchemas.ResourceLists;

    private protected override void FindClashes(XDocument document, List<UniquenessClash> clashes) =>
        ResourceListRules.FindClashes(document.Root!, clashes);

    private protected override XcapError? CheckConstraints(XDocument document, XcapDocumentSelector selector) =>
        ResourceListRules.CheckReferences(document.Root!);
}
