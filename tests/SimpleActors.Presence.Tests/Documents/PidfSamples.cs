namespace SimpleActors.Presence.Tests.Documents;

/// <summary>
/// PIDF documents written by hand for these tests from the RFC definitions (element names,
/// nesting and attributes as the RFCs define them; names, addresses and values are ours). Each
/// constant says which RFC section its shape follows.
/// </summary>
internal static class PidfSamples
{
    // RFC 3863 section 4.1: the smallest useful document, one tuple with basic status and a contact.
    public const string Minimal = """
        <?xml version="1.0" encoding="UTF-8"?>
        <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:carol@example.org">
          <tuple id="c1">
            <status><basic>open</basic></status>
            <contact>sip:carol@pc17.example.org</contact>
          </tuple>
        </presence>
        """;

    // RFC 3863 section 4 (the example's shape): two tuples, a status extension in another namespace
    // (the im:im element of section 4.1.4's extensibility), contact priorities, notes in two
    // languages (4.1.6), a timestamp (4.1.7) and a presence-level note.
    public const string TwoTuples = """
        <?xml version="1.0" encoding="UTF-8"?>
        <presence xmlns="urn:ietf:params:xml:ns:pidf"
                  xmlns:im="urn:ietf:params:xml:ns:pidf:im"
                  xmlns:loc="http://loc.example.net/ns"
                  entity="pres:dave@example.net">
          <tuple id="mobile-7">
            <status>
              <basic>open</basic>
              <im:im>away</im:im>
              <loc:where>office</loc:where>
            </status>
            <contact priority="0.65">im:dave@im.example.net</contact>
            <note xml:lang="en">Back at three</note>
            <note xml:lang="de">Zurück um drei</note>
            <timestamp>2005-04-01T09:15:30Z</timestamp>
          </tuple>
          <tuple id="mail-2">
            <status><basic>closed</basic></status>
            <contact priority="1.0">mailto:dave@example.net</contact>
          </tuple>
          <note>Travelling until Friday</note>
        </presence>
        """;

    // RFC 4479 sections 3.2 to 3.4: a service (tuple) that names the device it runs on with
    // dm:deviceID, a person with dm:note and dm:timestamp, a device with deviceID, note, timestamp.
    // RFC 4480: the person's rpid:activities.
    public const string DataModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <presence xmlns="urn:ietf:params:xml:ns:pidf"
                  xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
                  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid"
                  entity="sip:erin@example.com">
          <tuple id="sv51">
            <status><basic>open</basic></status>
            <dm:deviceID>urn:uuid:6d6f0b2a-3a1e-4c0e-9d33-0a1b2c3d4e5f</dm:deviceID>
            <contact>sip:erin@desk.example.com</contact>
            <timestamp>2006-07-12T14:02:11.25+02:00</timestamp>
          </tuple>
          <dm:person id="p1">
            <rpid:activities>
              <rpid:on-the-phone/>
            </rpid:activities>
            <dm:note>On a call</dm:note>
            <dm:timestamp>2006-07-12T14:01:00Z</dm:timestamp>
          </dm:person>
          <dm:device id="dv3">
            <dm:deviceID>urn:uuid:6d6f0b2a-3a1e-4c0e-9d33-0a1b2c3d4e5f</dm:deviceID>
            <dm:note xml:lang="en">Desk phone</dm:note>
            <dm:timestamp>2006-07-12T13:00:00Z</dm:timestamp>
          </dm:device>
        </presence>
        """;

    // RFC 4480: several activities (including rpid:other), and other RPID person elements (mood,
    // place-type, privacy, sphere, status-icon, time-offset, user-input) plus tuple-level RPID
    // elements (class, relationship, service-class), which are kept verbatim.
    public const string Rpid = """
        <?xml version="1.0" encoding="UTF-8"?>
        <presence xmlns="urn:ietf:params:xml:ns:pidf"
                  xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
                  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid"
                  entity="pres:frank@example.com">
          <tuple id="t-work">
            <status><basic>open</basic></status>
            <rpid:class>work</rpid:class>
            <rpid:relationship><rpid:assistant/></rpid:relationship>
            <rpid:service-class><rpid:electronic/></rpid:service-class>
            <contact priority="0.5">sip:frank@work.example.com</contact>
          </tuple>
          <dm:person id="frank">
            <rpid:activities>
              <rpid:note>Quarterly review</rpid:note>
              <rpid:meeting/>
              <rpid:busy/>
              <rpid:other>rehearsing</rpid:other>
            </rpid:activities>
            <rpid:mood><rpid:stressed/></rpid:mood>
            <rpid:place-type><rpid:office/></rpid:place-type>
            <rpid:privacy><rpid:text/></rpid:privacy>
            <rpid:sphere>work</rpid:sphere>
            <rpid:status-icon>http://icons.example.com/frank/busy.png</rpid:status-icon>
            <rpid:time-offset>-300</rpid:time-offset>
            <rpid:user-input idle-threshold="600">active</rpid:user-input>
          </dm:person>
        </presence>
        """;

    // RFC 3863 section 4.1 with unusual but legal prefixes: PIDF under "p", the data model under
    // "model", RPID as a default namespace on the activities element. Names match by namespace.
    public const string OddPrefixes = """
        <?xml version="1.0" encoding="UTF-8"?>
        <p:presence xmlns:p="urn:ietf:params:xml:ns:pidf"
                    xmlns:model="urn:ietf:params:xml:ns:pidf:data-model"
                    entity="sips:gina@example.com">
          <p:tuple id="g">
            <p:status><p:basic>closed</p:basic></p:status>
          </p:tuple>
          <model:person id="gp">
            <activities xmlns="urn:ietf:params:xml:ns:pidf:rpid"><away/></activities>
          </model:person>
        </p:presence>
        """;

    // Elements whose names are PIDF's but in another namespace are extensions, not PIDF elements.
    public const string LookAlikes = """
        <?xml version="1.0" encoding="UTF-8"?>
        <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:x="urn:example:lookalike" entity="pres:hal@example.com">
          <tuple id="h1">
            <status><basic>open</basic><x:basic>closed</x:basic></status>
            <x:contact>sip:nobody@example.com</x:contact>
          </tuple>
          <x:tuple id="not-a-tuple"/>
        </presence>
        """;
}
