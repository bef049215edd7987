using System.Collections.Immutable;
using SimpleActors.Engine.Presence;
using SimpleActors.Xcap;
using SimpleActors.Xcap.Rls;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Engine.Rls;

/// <summary>
/// The list services a user's documents define (RFC 4826 section 4): every service of the user's rls-services
/// documents, its list resolved (nested lists flattened, references followed, loops cut, RFC 4826 section 4.5) against
/// the user's own resource-lists documents, which the owner's presentity keeps. A reference into another user's
/// documents is not followed (docs/presence.md, "Resource lists"). A pure function of the documents.
/// </summary>
public static class OwnerListServices
{
    private static readonly IReadOnlyDictionary<string, ListDefinition> None = ImmutableDictionary<string, ListDefinition>.Empty;

    /// <summary>The XCAP root path the references are read under, and the bound on a list's resources.</summary>
    public static ResourceListResolverOptions Options { get; set; } = new() { XcapRoot = "/xcap-root" };

    /// <summary>The services by canonical URI (RFC 4826 section 4.4.5); a service whose list has too many resources keeps the first ones.</summary>
    public static IReadOnlyDictionary<string, ListDefinition> Resolve(string owner, ImmutableSortedDictionary<string, OwnerDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        Dictionary<string, ListDefinition>? services = null;
        foreach (var (_, document) in documents)
        {
            if (document.Auid != OwnerDocument.RlsServices || document.Document.Length == 0)
            {
                continue;
            }

            RlsServices read;
            try
            {
                read = RlsServices.Read(document.Document);
            }
            catch (ResourceListException)
            {
                continue; // the XCAP server stored only valid documents; one that is not defines nothing
            }

            foreach (var service in read.Services)
            {
                var uri = UriCanonicalForm.Of(service.Uri);
                services ??= new Dictionary<string, ListDefinition>(StringComparer.Ordinal);
                if (!services.ContainsKey(uri))
                {
                    services[uri] = Define(uri, service, ResourceListResolver.Resolve(service, Fetch(documents), Options));
                }
            }
        }

        return services ?? None;
    }

    /// <summary>The owner's resource-lists documents, by selector.</summary>
    private static Func<XcapDocumentSelector, byte[]?> Fetch(ImmutableSortedDictionary<string, OwnerDocument> documents) => selector =>
        documents.TryGetValue(selector.ToString(), out var held) && held.Auid == OwnerDocument.ResourceLists && held.Document.Length > 0 ? held.Document : null;

    private static ListDefinition Define(string uri, RlsService service, ListResolution resolution) => resolution switch
    {
        ResolvedList list => new ListDefinition(uri, list.DisplayName, list.Packages, [.. list.Entries.Select(e => new ListResource(e.Uri, e.DisplayName))]),
        _ => new ListDefinition(uri, null, service.Packages, []),
    };
}
