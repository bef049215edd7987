using System.Text;
using Akka.Actor;
using Akka.TestKit;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Xcap;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Xcap;

/// <summary>XCAP requests on alice's documents and the presence rules the engine tests use.</summary>
internal static class XcapSamples
{
    public const string RootUri = "http://xcap.example.com/xcap-root";

    public const string ResourceLists = "resource-lists/users/" + Aor + "/index";

    public const string PresRules = "pres-rules/users/" + Aor + "/index";

    public const string PidfManipulation = "pidf-manipulation/users/" + Aor + "/index";

    public const string FriendsList = """
        <?xml version="1.0" encoding="UTF-8"?>
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
          <list name="friends">
            <entry uri="sip:bob@example.com"/>
          </list>
        </resource-lists>
        """;

    /// <summary>The path of a selector (and node selector) under the XCAP root, as a client sends it.</summary>
    public static string Target(string selector, string? node = null) => "/xcap-root/" + selector + (node is null ? string.Empty : "/~~/" + node);

    public static XcapDocumentRequest Get(string selector, string? node = null) =>
        new(selector, "GET", Target(selector, node), null, [], null, null, Aor, RootUri);

    public static XcapDocumentRequest Put(string selector, string body, string contentType, string? node = null, string? ifMatch = null) =>
        new(selector, "PUT", Target(selector, node), contentType, Encoding.UTF8.GetBytes(body), ifMatch, null, Aor, RootUri);

    public static XcapDocumentRequest Delete(string selector, string? node = null) =>
        new(selector, "DELETE", Target(selector, node), null, [], null, null, Aor, RootUri);

    /// <summary>A pres-rules ruleset (RFC 5025) with the cp and pr prefixes declared around <paramref name="rules"/>.</summary>
    public static string Ruleset(params string[] rules) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules">{string.Concat(rules)}</cp:ruleset>
        """;

    /// <summary>A rule for one identity: its sub-handling, transformations and any other condition (e.g. a validity).</summary>
    public static string Rule(string id, string watcher, string subHandling, string transformations = "", string otherConditions = "") => $"""
        <cp:rule id="{id}">
          <cp:conditions><cp:identity><cp:one id="{watcher}"/></cp:identity>{otherConditions}</cp:conditions>
          <cp:actions><pr:sub-handling>{subHandling}</pr:sub-handling></cp:actions>
          <cp:transformations>{transformations}</cp:transformations>
        </cp:rule>
        """;

    /// <summary>Every service, person and device with all their attributes (RFC 5025 section 3.3): notes included.</summary>
    public const string EverythingProvided =
        "<pr:provide-services><pr:all-services/></pr:provide-services><pr:provide-persons><pr:all-persons/></pr:provide-persons>"
        + "<pr:provide-devices><pr:all-devices/></pr:provide-devices><pr:provide-all-attributes/>";

    /// <summary>Every service and person, no attribute: the watcher sees tuples and their status, not the notes.</summary>
    public const string ComponentsOnly =
        "<pr:provide-services><pr:all-services/></pr:provide-services><pr:provide-persons><pr:all-persons/></pr:provide-persons>";

    /// <summary>A PIDF document with a tuple <paramref name="tuple"/> and a note on it and one on the person.</summary>
    public static string PidfWith(string tuple, string tupleNote, string personNote = "In a meeting") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="{Aor}">
          <tuple id="{tuple}"><status><basic>open</basic></status><contact>sip:alice@192.0.2.1</contact><note>{tupleNote}</note></tuple>
          <dm:person id="p1"><dm:note>{personNote}</dm:note></dm:person>
        </presence>
        """;

    public static OwnerDocumentChanged RulesChanged(string etag, string rules) =>
        new(Aor, PresRules, OwnerDocument.PresRules, etag, Encoding.UTF8.GetBytes(rules), DateTimeOffset.UtcNow);

    /// <summary>A probe standing in for the presentity region that answers every OwnerDocumentChanged as taken.</summary>
    public static TestProbe TakingPresentities(TestProbe probe)
    {
        probe.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            if (message is OwnerDocumentChanged changed)
            {
                sender.Tell(new OwnerDocumentTaken(changed.Aor, changed.Selector, changed.ETag));
            }

            return AutoPilot.KeepRunning;
        }));
        return probe;
    }

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
