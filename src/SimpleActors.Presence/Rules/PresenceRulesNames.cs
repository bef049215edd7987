using System.Xml.Linq;

namespace SimpleActors.Presence.Rules;

/// <summary>The element and attribute names of common policy (RFC 4745), pres-rules (RFC 5025) and OMA's common policy extensions.</summary>
internal static class PresenceRulesNames
{
    public static readonly XNamespace Cp = PresenceRules.CommonPolicyNamespace;
    public static readonly XNamespace Pr = PresenceRules.Namespace;
    public static readonly XNamespace Ocp = PresenceRules.OmaCommonPolicyNamespace;

    // RFC 4745 section 6, 7
    public static readonly XName Ruleset = Cp + "ruleset";
    public static readonly XName Rule = Cp + "rule";
    public static readonly XName Conditions = Cp + "conditions";
    public static readonly XName Actions = Cp + "actions";
    public static readonly XName Transformations = Cp + "transformations";
    public static readonly XName Identity = Cp + "identity";
    public static readonly XName One = Cp + "one";
    public static readonly XName Many = Cp + "many";
    public static readonly XName Except = Cp + "except";
    public static readonly XName Sphere = Cp + "sphere";
    public static readonly XName Validity = Cp + "validity";
    public static readonly XName From = Cp + "from";
    public static readonly XName Until = Cp + "until";

    // OMA common policy extensions (OMA-TS-XDM_Core, "urn:oma:xml:xdm:common-policy")
    public static readonly XName OtherIdentity = Ocp + "other-identity";
    public static readonly XName ExternalList = Ocp + "external-list";
    public static readonly XName Entry = Ocp + "entry";
    public static readonly XName AnonymousRequest = Ocp + "anonymous-request";

    // RFC 5025 section 3.2, 3.3
    public static readonly XName SubHandling = Pr + "sub-handling";
    public static readonly XName ProvideServices = Pr + "provide-services";
    public static readonly XName ProvidePersons = Pr + "provide-persons";
    public static readonly XName ProvideDevices = Pr + "provide-devices";
    public static readonly XName AllServices = Pr + "all-services";
    public static readonly XName AllPersons = Pr + "all-persons";
    public static readonly XName AllDevices = Pr + "all-devices";
    public static readonly XName ServiceUri = Pr + "service-uri";
    public static readonly XName ServiceUriScheme = Pr + "service-uri-scheme";
    public static readonly XName OccurrenceId = Pr + "occurrence-id";
    public static readonly XName Class = Pr + "class";
    public static readonly XName DeviceId = Pr + "deviceID";
    public static readonly XName ProvideUserInput = Pr + "provide-user-input";
    public static readonly XName ProvideUnknownAttribute = Pr + "provide-unknown-attribute";
    public static readonly XName ProvideAllAttributes = Pr + "provide-all-attributes";

    public static readonly XName IdAttribute = "id";
    public static readonly XName DomainAttribute = "domain";
    public static readonly XName ValueAttribute = "value";
    public static readonly XName NsAttribute = "ns";
    public static readonly XName NameAttribute = "name";
    public static readonly XName AncAttribute = "anc";

    /// <summary>The boolean <c>provide-*</c> elements of RFC 5025 section 3.3 and their flags.</summary>
    public static readonly IReadOnlyDictionary<XName, ProvidedAttributes> BooleanPermissions = new Dictionary<XName, ProvidedAttributes>
    {
        [Pr + "provide-activities"] = ProvidedAttributes.Activities,
        [Pr + "provide-class"] = ProvidedAttributes.Class,
        [Pr + "provide-deviceID"] = ProvidedAttributes.DeviceId,
        [Pr + "provide-mood"] = ProvidedAttributes.Mood,
        [Pr + "provide-place-is"] = ProvidedAttributes.PlaceIs,
        [Pr + "provide-place-type"] = ProvidedAttributes.PlaceType,
        [Pr + "provide-privacy"] = ProvidedAttributes.Privacy,
        [Pr + "provide-relationship"] = ProvidedAttributes.Relationship,
        [Pr + "provide-status-icon"] = ProvidedAttributes.StatusIcon,
        [Pr + "provide-sphere"] = ProvidedAttributes.Sphere,
        [Pr + "provide-time-offset"] = ProvidedAttributes.TimeOffset,
        [Pr + "provide-note"] = ProvidedAttributes.Note,
    };
}
