using SimpleActors.Presence.Rules;

namespace SimpleActors.Presence.Tests.Rules;

/// <summary>Documents for the pres-rules tests and the shorthands to build rulesets.</summary>
internal static class RulesSamples
{
    // RFC 5025 section 6 (Example Document), copied with attribution: (c) The IETF Trust, RFC 5025
    // "Presence Authorization Rules", J. Rosenberg, December 2007.
    public const string Rfc5025Example = """
        <?xml version="1.0" encoding="UTF-8"?>
        <cr:ruleset xmlns="urn:ietf:params:xml:ns:pres-rules"
         xmlns:pr="urn:ietf:params:xml:ns:pres-rules"
         xmlns:cr="urn:ietf:params:xml:ns:common-policy">
         <cr:rule id="a">
          <cr:conditions>
           <cr:identity>
            <cr:one id="sip:user@example.com"/>
           </cr:identity>
          </cr:conditions>
          <cr:actions>
           <pr:sub-handling>allow</pr:sub-handling>
          </cr:actions>
          <cr:transformations>
           <pr:provide-services>
             <pr:service-uri-scheme>sip</pr:service-uri-scheme>
             <pr:service-uri-scheme>mailto</pr:service-uri-scheme>
           </pr:provide-services>
           <pr:provide-persons>
             <pr:all-persons/>
           </pr:provide-persons>
           <pr:provide-activities>true</pr:provide-activities>
           <pr:provide-user-input>bare</pr:provide-user-input>
           <pr:provide-unknown-attribute
              ns="urn:vendor-specific:foo-namespace"
              name="foo">true</pr:provide-unknown-attribute>
          </cr:transformations>
         </cr:rule>
        </cr:ruleset>
        """;

    // Written for these tests from RFC 3863, RFC 4479 and RFC 4480 (names and values are ours): three
    // services (sip, mailto, im), two persons, two devices, every RPID attribute RFC 5025 section 3.3.2
    // names, vendor elements in the namespace of the RFC 5025 example, and notes at every level.
    public const string Pidf = """
        <?xml version="1.0" encoding="UTF-8"?>
        <presence xmlns="urn:ietf:params:xml:ns:pidf"
                  xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
                  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid"
                  xmlns:foo="urn:vendor-specific:foo-namespace"
                  entity="pres:someone@example.com">
          <tuple id="sip-tuple">
            <status><basic>open</basic><foo:foo>status-extension</foo:foo><foo:bar>hidden</foo:bar></status>
            <dm:deviceID>urn:uuid:11111111-1111-4111-8111-111111111111</dm:deviceID>
            <rpid:class>assistant</rpid:class>
            <rpid:relationship><rpid:assistant/></rpid:relationship>
            <rpid:user-input idle-threshold="600" last-input="2005-05-01T09:00:00Z">idle</rpid:user-input>
            <contact>SIP:someone@PC.example.com</contact>
            <note>Phone service</note>
            <timestamp>2005-05-01T09:15:00Z</timestamp>
          </tuple>
          <tuple id="mail-tuple">
            <status><basic>open</basic></status>
            <contact>mailto:someone@example.com</contact>
          </tuple>
          <tuple id="im-tuple">
            <status><basic>closed</basic></status>
            <rpid:class>forwarded</rpid:class>
            <contact>im:someone@example.com</contact>
          </tuple>
          <dm:person id="p1">
            <rpid:activities><rpid:meeting/></rpid:activities>
            <rpid:mood><rpid:note>grumpy</rpid:note><rpid:sad/></rpid:mood>
            <rpid:place-is><rpid:audio><rpid:noisy/></rpid:audio></rpid:place-is>
            <rpid:place-type>office</rpid:place-type>
            <rpid:privacy><rpid:quiet/></rpid:privacy>
            <rpid:sphere><rpid:work/></rpid:sphere>
            <rpid:status-icon>http://example.com/icon.png</rpid:status-icon>
            <rpid:time-offset>-300</rpid:time-offset>
            <rpid:class>family</rpid:class>
            <rpid:user-input idle-threshold="900">active</rpid:user-input>
            <foo:foo>vendor</foo:foo>
            <foo:other>secret</foo:other>
            <dm:note>In a meeting</dm:note>
            <dm:timestamp>2005-05-01T09:10:00Z</dm:timestamp>
          </dm:person>
          <dm:person id="p2">
            <rpid:class>colleagues</rpid:class>
          </dm:person>
          <dm:device id="pc">
            <rpid:class>desk</rpid:class>
            <dm:deviceID>urn:uuid:11111111-1111-4111-8111-111111111111</dm:deviceID>
            <dm:note>Office PC</dm:note>
          </dm:device>
          <dm:device id="phone">
            <dm:deviceID>urn:uuid:22222222-2222-4222-8222-222222222222</dm:deviceID>
          </dm:device>
          <note>Presence-level note</note>
        </presence>
        """;

    public static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A ruleset with the cp, pr and ocp prefixes declared around the given rules.</summary>
    public static string Ruleset(params string[] rules) => $"""
        <cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy"
                    xmlns:pr="urn:ietf:params:xml:ns:pres-rules"
                    xmlns:ocp="urn:oma:xml:xdm:common-policy">
        {string.Concat(rules)}
        </cp:ruleset>
        """;

    /// <summary>A rule: its conditions' content (null: no conditions element), sub-handling (null: none) and transformations' content.</summary>
    public static string Rule(string id, string? conditions, string? subHandling, string transformations = "") =>
        $"""
        <cp:rule id="{id}">
          {(conditions is null ? string.Empty : $"<cp:conditions>{conditions}</cp:conditions>")}
          {(subHandling is null ? string.Empty : $"<cp:actions><pr:sub-handling>{subHandling}</pr:sub-handling></cp:actions>")}
          <cp:transformations>{transformations}</cp:transformations>
        </cp:rule>
        """;

    public static PresenceRules Parse(string xml) => PresenceRules.Parse(Text.Utf8(xml));

    public static PresenceRules ParseRules(params string[] rules) => Parse(Ruleset(rules));

    public static PidfDocument Document() => Text.ParsePidf(Pidf);
}
