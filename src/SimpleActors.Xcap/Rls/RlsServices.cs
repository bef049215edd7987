using System.Xml.Linq;
using SimpleActors.Xcap.Usages;
using static SimpleActors.Xcap.Rls.ListDocument;

namespace SimpleActors.Xcap.Rls;

/// <summary>
/// An rls-services document (RFC 4826 section 4), typically <c>rls-services/global/index</c>, the union of every user's
/// services that only the RLS reads: its services, found by URI as URIs compare (RFC 4826 section 5).
/// </summary>
public sealed class RlsServices
{
    private static readonly XName RootName = RlsNs + "rls-services";
    private static readonly XName ServiceName = RlsNs + "service";
    private static readonly XName ServiceListName = RlsNs + "list";
    private static readonly XName ResourceListName = RlsNs + "resource-list";
    private static readonly XName PackagesName = RlsNs + "packages";
    private static readonly XName PackageName = RlsNs + "package";

    private readonly Dictionary<string, RlsService> _byUri = new(StringComparer.Ordinal);

    private RlsServices(IReadOnlyList<RlsService> services)
    {
        Services = services;
        foreach (var service in services)
        {
            _byUri.TryAdd(UriCanonicalForm.Of(service.Uri), service);
        }
    }

    /// <summary>The services in document order.</summary>
    public IReadOnlyList<RlsService> Services { get; }

    /// <summary>
    /// Reads a document. A service needs a <c>uri</c> and either a <c>list</c> or a <c>resource-list</c>; a service
    /// without either is skipped (the XCAP server's schema check keeps them out of stored documents).
    /// </summary>
    /// <exception cref="ResourceListException">Not a well-formed rls-services document within the limits.</exception>
    public static RlsServices Read(ReadOnlySpan<byte> document, XcapLimits? limits = null)
    {
        var root = Parse(document, limits, "rls-services").Root;
        if (root is null || root.Name != RootName)
        {
            throw new ResourceListException(400, "rls-services: root is not rls-services");
        }

        var services = new List<RlsService>();
        foreach (var service in root.Elements(ServiceName))
        {
            var uri = ((string?)service.Attribute("uri"))?.Trim();
            var list = service.Element(ServiceListName);
            var resourceList = service.Element(ResourceListName)?.Value.Trim();
            if (string.IsNullOrEmpty(uri) || (list is null && string.IsNullOrEmpty(resourceList)))
            {
                continue;
            }

            // RFC 4826 section 4.2: no <packages> means the presence event package.
            var packages = service.Element(PackagesName) is { } element
                ? element.Elements(PackageName).Select(static p => p.Value.Trim()).Where(static p => p.Length > 0).ToArray()
                : ["presence"];
            services.Add(new RlsService(uri, packages, list is null ? null : new XElement(list), list is null ? resourceList : null));
        }

        return new RlsServices(services);
    }

    /// <summary>The service whose URI equals <paramref name="uri"/> as URIs compare, or null (404, RFC 4826 section 4.5).</summary>
    public RlsService? Find(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return _byUri.GetValueOrDefault(UriCanonicalForm.Of(uri));
    }
}
