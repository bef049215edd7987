using System.Xml.Linq;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// Presence authorization rules (RFC 5025, its XCAP usage section; common policy RFC 4745): a <c>&lt;cp:ruleset&gt;</c>
/// of <c>&lt;cp:rule id&gt;</c>s, with the presence actions and transformations in the pres-rules namespace. Two AUIDs
/// share the schema and rules: the IETF <c>pres-rules</c> (document conventionally <c>index</c>) and OMA's
/// <c>org.openmobilealliance.pres-rules</c> (document conventionally <c>pres-rules</c>), which Blink/sipsimple requires.
/// Documents live in users' trees only.
/// </summary>
/// <remarks>
/// The default namespace (how unprefixed names in node selectors expand) differs between the two:
/// <list type="bullet">
/// <item><c>pres-rules</c>: <c>urn:ietf:params:xml:ns:pres-rules</c>, as RFC 5025 section 9.3 says (OpenXCAP and
/// Doubango do the same). The root <c>ruleset</c> and <c>rule</c> are in common-policy, so a selector must bind a prefix
/// for them (<c>cp:ruleset/cp:rule[@id="a"]</c> with <c>?xmlns(cp=urn:ietf:params:xml:ns:common-policy)</c>); an unprefixed
/// <c>ruleset/rule</c> selects nothing, as the RFC implies.</item>
/// <item><c>org.openmobilealliance.pres-rules</c>: <c>urn:ietf:params:xml:ns:common-policy</c>, as OMA's Presence XDM
/// specification defines for its AUID (Doubango's client uses it), so <c>ruleset/rule</c> works there unprefixed.</item>
/// </list>
/// </remarks>
public sealed class PresRulesUsage : ApplicationUsage
{
    private static readonly XNamespace Cp = XcapNamespaces.CommonPolicy;

    /// <summary>The IETF usage, AUID <c>pres-rules</c>.</summary>
    public static PresRulesUsage Ietf { get; } = new("pres-rules", XcapNamespaces.PresRules, "index");

    /// <summary>OMA's alias, AUID <c>org.openmobilealliance.pres-rules</c>.</summary>
    public static PresRulesUsage Oma { get; } = new("org.openmobilealliance.pres-rules", XcapNamespaces.CommonPolicy, "pres-rules");

    private PresRulesUsage(string auid, string defaultNamespace, string defaultDocumentName)
    {
        Auid = auid;
        DefaultNamespace = defaultNamespace;
        DefaultDocumentName = defaultDocumentName;
    }

    public override string Auid { get; }

    /// <summary>RFC 5025 section 9.4 (the common policy media type of RFC 4745).</summary>
    public override string MimeType => "application/auth-policy+xml";

    public override string DefaultNamespace { get; }

    public override string DefaultDocumentName { get; }

    public override XName RootElement { get; } = Cp + "ruleset";

    public override XcapSchemaSet Schemas => XcapSchemas.PresRules;

    private protected override void FindClashes(XDocument document, List<UniquenessClash> clashes) =>
        // RFC 4745 section 6.1: a rule's id is unique in the document.
        UniqueValues.Check(document.Root!.Elements(Cp + "rule"), "id", UniqueValues.Exact, AlternativeValue.ForName, clashes);
}
