namespace SimpleActors.Xcap.Tests.Usages;

/// <summary>Example documents of the RFCs, as data, with where each comes from.</summary>
internal static class RfcExamples
{
    /// <summary>RFC 4826 section 3.3, the resource-lists example document.</summary>
    public const string ResourceLists = """
        <?xml version="1.0" encoding="UTF-8"?>
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <list name="friends">
          <entry uri="sip:bill@example.com">
           <display-name>Bill Doe</display-name>
          </entry>
          <entry-ref ref="resource-lists/users/sip:bill@example.com/index/~~/resource-lists/list%5b@name=%22list1%22%5d/entry%5b@uri=%22sip:petri@example.com%22%5d"/>
          <list name="close-friends">
           <display-name>Close Friends</display-name>
           <entry uri="sip:joe@example.com">
            <display-name>Joe Smith</display-name>
           </entry>
           <entry uri="sip:nancy@example.com">
            <display-name>Nancy Gross</display-name>
           </entry>
           <external anchor="http://xcap.example.org/resource-lists/users/sip:a@example.org/index/~~/resource-lists/list%5b@name=%22mkting%22%5d">
             <display-name>Marketing</display-name>
            </external>
          </list>
         </list>
        </resource-lists>
        """;

    /// <summary>RFC 4826 section 4.3, the rls-services example document.</summary>
    public const string RlsServices = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rls-services xmlns="urn:ietf:params:xml:ns:rls-services"
           xmlns:rl="urn:ietf:params:xml:ns:resource-lists"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <service uri="sip:mybuddies@example.com">
          <resource-list>http://xcap.example.com/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5b@name=%22l1%22%5d</resource-list>
          <packages>
           <package>presence</package>
          </packages>
         </service>
         <service uri="sip:marketing@example.com">
           <list name="marketing">
             <rl:entry uri="sip:joe@example.com"/>
             <rl:entry uri="sip:sudhir@example.com"/>
           </list>
           <packages>
             <package>presence</package>
           </packages>
         </service>
        </rls-services>
        """;

    /// <summary>RFC 5025, the example presence authorization document (its "Example Document" section).</summary>
    public const string PresRules = """
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

    /// <summary>After RFC 4745 section 14.1 (the simple example): sphere, identity and validity conditions.</summary>
    public const string CommonPolicySimple = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ruleset xmlns="urn:ietf:params:xml:ns:common-policy">
            <rule id="f3g44r1">
                <conditions>
                    <sphere value="work"/>
                    <identity>
                        <one id="sip:alice@example.com"/>
                    </identity>
                    <validity>
                        <from>2003-12-24T17:00:00+01:00</from>
                        <until>2003-12-24T19:00:00+01:00</until>
                    </validity>
                </conditions>
                <actions/>
                <transformations/>
            </rule>
        </ruleset>
        """;

    /// <summary>A common-policy document in the style of RFC 4745 section 14: one, many with exceptions, two validity intervals, two rules.</summary>
    public const string CommonPolicyComplex = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ruleset xmlns="urn:ietf:params:xml:ns:common-policy">
            <rule id="f3g44r1">
                <conditions>
                    <identity>
                        <one id="sip:alice@example.com"/>
                        <one id="tel:+1-212-555-1234" />
                        <many domain="example.com">
                            <except id="sip:alice@bad.example.net"/>
                        </many>
                        <many>
                            <except domain="example.org"/>
                        </many>
                    </identity>
                    <validity>
                        <from>2003-08-15T10:20:00.000-05:00</from>
                        <until>2003-09-15T10:20:00.000-05:00</until>
                        <from>2003-12-24T17:00:00+01:00</from>
                        <until>2003-12-24T19:00:00+01:00</until>
                    </validity>
                </conditions>
                <actions/>
                <transformations/>
            </rule>
            <rule id="f3g44r2">
                <conditions>
                    <sphere value="home"/>
                </conditions>
            </rule>
        </ruleset>
        """;

    /// <summary>RFC 3863 section 3.4, the PIDF example (an RFC 4827 pidf-manipulation document is a PIDF document).</summary>
    public const string Pidf = """
        <?xml version="1.0" encoding="UTF-8"?>
        <presence xmlns="urn:ietf:params:xml:ns:pidf"
            xmlns:im="urn:ietf:params:xml:ns:pidf:im"
            xmlns:myex="http://id.example.com/presence/"
            entity="pres:someone@example.com">
          <tuple id="bs35r9">
            <status>
              <basic>open</basic>
              <im:im>busy</im:im>
              <myex:location>home</myex:location>
            </status>
            <contact priority="0.8">im:someone@mobilecarrier.net</contact>
            <note xml:lang="en">Don't Bother Me!</note>
            <note xml:lang="fr">Ne derangez pas, s'il vous plait</note>
            <timestamp>2001-10-27T16:49:29Z</timestamp>
          </tuple>
          <tuple id="eg92n8">
            <status>
              <basic>open</basic>
            </status>
            <contact priority="1.0">mailto:someone@example.com</contact>
          </tuple>
          <note>I'll be in Tokyo next week</note>
        </presence>
        """;

    /// <summary>
    /// A PIDF document in the shape of RFC 4479's examples, with RPID (RFC 4480) elements in person and device, as
    /// pidf-manipulation clients write it.
    /// </summary>
    public const string PidfDataModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <presence xmlns="urn:ietf:params:xml:ns:pidf"
            xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
            xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid"
            entity="pres:someone@example.com">
          <tuple id="sg89ae">
            <status>
              <basic>open</basic>
            </status>
            <dm:deviceID>mac:8asd7d7d70</dm:deviceID>
            <contact>sip:someone@example.com</contact>
          </tuple>
          <dm:person id="p1">
            <rpid:activities>
              <rpid:on-the-phone/>
            </rpid:activities>
            <rpid:mood><rpid:happy/></rpid:mood>
            <dm:note>On the phone</dm:note>
          </dm:person>
          <dm:device id="pc122">
            <rpid:user-input>idle</rpid:user-input>
            <dm:deviceID>mac:8asd7d7d70</dm:deviceID>
          </dm:device>
        </presence>
        """;
}
