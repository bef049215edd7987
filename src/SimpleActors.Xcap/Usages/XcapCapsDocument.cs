using System.Xml.Linq;

namespace SimpleActors.Xcap.Usages;

/// <summary>Writes the xcap-caps document (RFC 4825 section 12): every AUID, extension and namespace the server supports.</summary>
public static class XcapCapsDocument
{
    private static readonly XNamespace Ns = XcapNamespaces.XcapCaps;

    /// <param name="usages">The supported usages (usually <see cref="ApplicationUsages.All"/>), in the order to list them.</param>
    /// <param name="extensions">The supported XCAP extensions (RFC 4825 section 12: <c>&lt;extension&gt;</c>), if any.</param>
    public static XDocument Write(IEnumerable<IApplicationUsage> usages, IEnumerable<string>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(usages);
        var list = usages.ToList();

        // The schema requires <auids> and <namespaces> (possibly empty); <extensions> is optional and written only when there are some.
        var extensionNames = (extensions ?? []).Distinct(StringComparer.Ordinal).ToList();
        return new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement(
                Ns + "xcap-caps",
                new XElement(Ns + "auids", list.Select(static u => u.Auid).Distinct(StringComparer.Ordinal).Select(a => new XElement(Ns + "auid", a))),
                extensionNames.Count == 0 ? null : new XElement(Ns + "extensions", extensionNames.Select(e => new XElement(Ns + "extension", e))),
                new XElement(
                    Ns + "namespaces",
                    list.SelectMany(static u => u.Namespaces).Distinct(StringComparer.Ordinal).Select(n => new XElement(Ns + "namespace", n)))));
    }
}
