using System.Xml.Linq;
using SimpleActors.Xcap.Errors;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// The rules of RFC 4826 section 3.4.5 for the content of a resource list, shared by resource-lists documents and the
/// lists inside rls-services (section 4.4.5).
/// </summary>
internal static class ResourceListRules
{
    private static readonly XNamespace Rl = XcapNamespaces.ResourceLists;

    public static readonly XName List = Rl + "list";
    public static readonly XName Entry = Rl + "entry";
    public static readonly XName EntryRef = Rl + "entry-ref";
    public static readonly XName External = Rl + "external";

    /// <summary>
    /// Uniqueness among the children of <paramref name="container"/> (a <c>&lt;resource-lists&gt;</c> root or any list) and,
    /// recursively, of its lists: list/@name, entry/@uri (compared as URIs, RFC 4826 section 5), entry-ref/@ref,
    /// external/@anchor.
    /// </summary>
    public static void FindClashes(XElement container, List<UniquenessClash> clashes)
    {
        UniqueValues.Check(container.Elements(List), "name", UniqueValues.Exact, AlternativeValue.ForName, clashes);
        UniqueValues.Check(container.Elements(Entry), "uri", UriCanonicalForm.Of, AlternativeValue.ForUri, clashes);

        // A reference names an existing entry or list: a made-up one would point at nothing, so no alternative is offered.
        UniqueValues.Check(container.Elements(EntryRef), "ref", UniqueValues.Unescaped, null, clashes);
        UniqueValues.Check(container.Elements(External), "anchor", UriCanonicalForm.Of, null, clashes);
        foreach (var list in container.Elements(List))
        {
            FindClashes(list, clashes);
        }
    }

    /// <summary>The references inside <paramref name="scope"/>: null, or the first constraint-failure.</summary>
    public static XcapError? CheckReferences(XElement scope)
    {
        foreach (var entryRef in scope.Descendants(EntryRef))
        {
            if (ListReferences.EntryRefProblem((string?)entryRef.Attribute("ref") ?? string.Empty) is { } problem)
            {
                return new XcapError(XcapErrorKind.ConstraintFailure, problem);
            }
        }

        foreach (var external in scope.Descendants(External))
        {
            // The schema leaves anchor optional; RFC 4826 section 3.4.5 requires it to be an absolute HTTP URI.
            if (ListReferences.ListUriProblem((string?)external.Attribute("anchor") ?? string.Empty, "external anchor") is { } problem)
            {
                return new XcapError(XcapErrorKind.ConstraintFailure, problem);
            }
        }

        return null;
    }
}
