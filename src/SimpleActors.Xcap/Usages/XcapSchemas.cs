using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Schema;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// The application usages' XML schemas (embedded as <c>SimpleActors.Xcap.Schemas.&lt;name&gt;.xsd</c>), compiled once per
/// usage into an <see cref="XmlSchemaSet"/>. Nothing is ever fetched: no resolver, imports carry no schemaLocation, and
/// each set is given every schema its usage needs. Elements of namespaces no schema here declares, where a schema allows
/// <c>##other</c> with <c>processContents="lax"</c>, are skipped (RPID, CIPID, OMA extensions and vendors' elements).
/// </summary>
public static class XcapSchemas
{
    private static readonly ConcurrentDictionary<string, XcapSchemaSet> Sets = new(StringComparer.Ordinal);

    /// <summary>xcap-caps (RFC 4825 section 12).</summary>
    public static XcapSchemaSet XcapCaps => Get("xcap-caps");

    /// <summary>xcap-error (RFC 4825 section 11.2): for checking 409 bodies.</summary>
    public static XcapSchemaSet XcapError => Get("xcap-error");

    /// <summary>resource-lists (RFC 4826 section 3.2).</summary>
    public static XcapSchemaSet ResourceLists => Get("resource-lists");

    /// <summary>rls-services (RFC 4826 section 4.2) with the resource-lists schema it imports.</summary>
    public static XcapSchemaSet RlsServices => Get("resource-lists", "rls-services");

    /// <summary>Common policy (RFC 4745) with the presence authorization rules (RFC 5025).</summary>
    public static XcapSchemaSet PresRules => Get("common-policy", "pres-rules");

    /// <summary>PIDF (RFC 3863) with the data model's person and device (RFC 4479); other extensions laxly.</summary>
    public static XcapSchemaSet Pidf => Get("pidf", "pidf-data-model");

    /// <summary>The OMA XDM xcap-directory document.</summary>
    public static XcapSchemaSet XcapDirectory => Get("xcap-directory");

    private static XcapSchemaSet Get(params string[] names) =>
        Sets.GetOrAdd(string.Join('+', names), static (_, names) => new XcapSchemaSet(Compile(names)), names);

    private static XmlSchemaSet Compile(string[] names)
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        var errors = new List<string>();
        set.ValidationEventHandler += (_, e) =>
        {
            // An import without schemaLocation that the set satisfies itself is only a warning; keep errors.
            if (e.Severity == XmlSeverityType.Error)
            {
                errors.Add(e.Message);
            }
        };
        // The xml namespace (xml:lang) is given to every set, as the imports of it carry no schemaLocation.
        foreach (var name in names.Prepend("xml"))
        {
            set.Add(Read(name));
        }

        set.Compile();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"XCAP schemas {string.Join(", ", names)} do not compile: {string.Join("; ", errors)}");
        }

        return set;
    }

    private static XmlSchema Read(string name)
    {
        var resource = $"SimpleActors.Xcap.Schemas.{name}.xsd";
        using var stream = typeof(XcapSchemas).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded schema {resource} is missing");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XmlSchema.Read(reader, null) ?? throw new InvalidOperationException($"embedded schema {resource} is empty");
    }
}
