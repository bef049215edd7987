using System.Xml.Linq;

namespace SimpleActors.Xcap.Rls;

/// <summary>
/// One <c>service</c> of an rls-services document (RFC 4826 section 4.2): the URI a list SUBSCRIBE targets, the event
/// packages it serves, and its list, inline or by reference. Resolve it with <see cref="ResourceListResolver"/>.
/// </summary>
/// <param name="Uri">The service URI as written.</param>
/// <param name="Packages">The <c>packages</c>; <c>presence</c> when the element is absent (RFC 4826 section 4.2).</param>
/// <param name="List">The inline <c>list</c> (its children in the resource-lists namespace), a detached copy; or null.</param>
/// <param name="ResourceList">The <c>resource-list</c> URI, an absolute HTTP URI of a list in a resource-lists document; or null.</param>
public sealed record RlsService(string Uri, IReadOnlyList<string> Packages, XElement? List, string? ResourceList)
{
    /// <summary>Whether a SUBSCRIBE for <paramref name="eventPackage"/> may target the service; otherwise 489 (RFC 4662 section 4.2).</summary>
    public bool Allows(string eventPackage) => Packages.Contains(eventPackage, StringComparer.Ordinal);
}
