using System.Xml.Linq;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// pidf-manipulation (RFC 4827): presence a user sets through XCAP rather than PUBLISH, a PIDF document the presence
/// server composes with published state. Documents live in users' trees only, conventionally <c>index</c>.
/// </summary>
/// <remarks>
/// The PIDF core (RFC 3863) and the data model's person and device (RFC 4479) are validated strictly. Other extensions
/// (RPID RFC 4480, CIPID, capabilities, vendors') sit where the schemas allow <c>##other</c> with lax processing and are
/// skipped: no schema is loaded for them.
/// </remarks>
public sealed class PidfManipulationUsage : ApplicationUsage
{
    private static readonly XNamespace PidfNs = XcapNamespaces.Pidf;
    private static readonly XNamespace Dm = XcapNamespaces.PidfDataModel;

    public static PidfManipulationUsage Instance { get; } = new();

    private PidfManipulationUsage()
    {
    }

    public override string Auid => "pidf-manipulation";

    public override string MimeType => "application/pidf+xml";

    public override string DefaultNamespace => XcapNamespaces.Pidf;

    public override XName RootElement { get; } = PidfNs + "presence";

    public override XcapSchemaSet Schemas => XcapSchemas.Pidf;

    private protected override void FindClashes(XDocument document, List<UniquenessClash> clashes)
    {
        // Tuple, person and device ids share one scope (they are all xs:ID; RFC 4479 section 4 refers to them by id).
        var components = document.Root!.Elements().Where(static e => e.Name == PidfNs + "tuple" || e.Name == Dm + "person" || e.Name == Dm + "device");
        UniqueValues.Check(components, "id", UniqueValues.Exact, AlternativeValue.ForName, clashes);
    }
}
