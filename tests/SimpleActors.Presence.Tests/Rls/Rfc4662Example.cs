using System.Text;

namespace SimpleActors.Presence.Tests.Rls;

/// <summary>
/// The NOTIFY bodies of RFC 4662 section 6 ("Example"), reconstructed: the buddy list of adam at
/// pres.vancouver.example.com, full state with a nested list (adam-friends@stockholm.example.org, itself a
/// multipart/related with its own RLMI) and pending and terminated instances, then a partial notification. Names, URIs,
/// ids and the boundary follow the RFC's example; the bodies are rebuilt from its description, not copied.
/// </summary>
internal static class Rfc4662Example
{
    public const string ListUri = "sip:adam-friends@pres.vancouver.example.com";
    public const string Boundary = "50UBfW7LSCVLtggUPe5z";
    public const string NestedBoundary = "TfZxoxgAvLqgj4wRWPDL";

    public const string ContentType =
        "multipart/related;type=\"application/rlmi+xml\";start=\"<nXYxAE@pres.vancouver.example.com>\";boundary=\"" + Boundary + "\"";

    public const string NestedContentType =
        "multipart/related;type=\"application/rlmi+xml\";start=\"<2BEI83@pres.stockholm.example.org>\";boundary=\"" + NestedBoundary + "\"";

    public const string FullRlmi = """
        <?xml version="1.0" encoding="UTF-8"?>
        <list xmlns="urn:ietf:params:xml:ns:rlmi"
              uri="sip:adam-friends@pres.vancouver.example.com"
              version="1" fullState="true">
          <name xml:lang="en">Buddy List at COM</name>
          <name xml:lang="de">Liste der Freunde an COM</name>
          <resource uri="sip:bob@vancouver.example.com">
            <name>Bob Smith</name>
            <instance id="juwigmtboe" state="active" cid="bUZBsM@pres.vancouver.example.com"/>
          </resource>
          <resource uri="sip:dave@vancouver.example.com">
            <name>Dave Jones</name>
            <instance id="hqzsuxtfyq" state="active" cid="ZvSvkz@pres.vancouver.example.com"/>
          </resource>
          <resource uri="sip:ed@dallas.example.net">
            <name>Ed at NET</name>
            <instance id="sdlkmeopdf" state="pending"/>
          </resource>
          <resource uri="sip:adam-friends@stockholm.example.org">
            <name xml:lang="en">My Friends at ORG</name>
            <name xml:lang="de">Meine Freunde an ORG</name>
            <instance id="cmpqweitlp" state="active" cid="1KQhyE@pres.vancouver.example.com"/>
          </resource>
        </list>
        """;

    public const string NestedRlmi = """
        <?xml version="1.0" encoding="UTF-8"?>
        <list xmlns="urn:ietf:params:xml:ns:rlmi"
              uri="sip:adam-friends@stockholm.example.org"
              version="1" fullState="true">
          <name xml:lang="en">Buddy List at ORG</name>
          <resource uri="sip:joe@stockholm.example.org">
            <name>Joe Thomas</name>
            <instance id="1" state="active" cid="mrEakg@pres.stockholm.example.org"/>
          </resource>
          <resource uri="sip:mark@stockholm.example.org">
            <name>Mark Edwards</name>
            <instance id="1" state="terminated" reason="rejected"/>
          </resource>
        </list>
        """;

    public const string PartialRlmi = """
        <?xml version="1.0" encoding="UTF-8"?>
        <list xmlns="urn:ietf:params:xml:ns:rlmi"
              uri="sip:adam-friends@pres.vancouver.example.com"
              version="2" fullState="false">
          <resource uri="sip:ed@dallas.example.net">
            <name>Ed at NET</name>
            <instance id="sdlkmeopdf" state="active" cid="K9Ee4t@pres.vancouver.example.com"/>
          </resource>
        </list>
        """;

    public static string Pidf(string entity, string tuple, string basic) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="{entity}">
          <tuple id="{tuple}">
            <status><basic>{basic}</basic></status>
          </tuple>
        </presence>
        """;

    public static string NestedBody() => Crlf($"""
        --{NestedBoundary}
        Content-Transfer-Encoding: binary
        Content-ID: <2BEI83@pres.stockholm.example.org>
        Content-Type: application/rlmi+xml;charset="UTF-8"

        {NestedRlmi}
        --{NestedBoundary}
        Content-Transfer-Encoding: binary
        Content-ID: <mrEakg@pres.stockholm.example.org>
        Content-Type: application/pidf+xml;charset="UTF-8"

        {Pidf("sip:joe@stockholm.example.org", "x823a4", "open")}
        --{NestedBoundary}--

        """);

    /// <summary>The full-state body: RLMI, bob's and dave's PIDF, the nested list.</summary>
    public static byte[] FullBody() => Encoding.UTF8.GetBytes(Crlf($"""
        --{Boundary}
        Content-Transfer-Encoding: binary
        Content-ID: <nXYxAE@pres.vancouver.example.com>
        Content-Type: application/rlmi+xml;charset="UTF-8"

        {FullRlmi}
        --{Boundary}
        Content-Transfer-Encoding: binary
        Content-ID: <bUZBsM@pres.vancouver.example.com>
        Content-Type: application/pidf+xml;charset="UTF-8"

        {Pidf("sip:bob@vancouver.example.com", "z98075", "closed")}
        --{Boundary}
        Content-Transfer-Encoding: binary
        Content-ID: <ZvSvkz@pres.vancouver.example.com>
        Content-Type: application/pidf+xml;charset="UTF-8"

        {Pidf("sip:dave@vancouver.example.com", "x823a4", "open")}
        --{Boundary}
        Content-Transfer-Encoding: binary
        Content-ID: <1KQhyE@pres.vancouver.example.com>
        Content-Type: {NestedContentType}


        """) + NestedBody() + $"\r\n--{Boundary}--\r\n");

    /// <summary>All lines end with CRLF, as a SIP body's multipart framing must (RFC 2046 section 5.1.1).</summary>
    public static string Crlf(string text) => text.ReplaceLineEndings("\r\n");
}
