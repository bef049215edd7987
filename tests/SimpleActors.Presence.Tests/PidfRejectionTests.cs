using System.Text;
using static SimpleActors.Presence.Tests.Text;

namespace SimpleActors.Presence.Tests;

public class PidfRejectionTests
{
    private const string Open = """<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="pres:tom@example.com">""";
    private const string Close = "</presence>";

    private static string Reason(string document, PresenceLimits? limits = null) =>
        Assert.Throws<PresenceDocumentException>(() => ParsePidf(document, limits)).Reason;

    private static string Reason(byte[] document, PresenceLimits? limits = null) =>
        Assert.Throws<PresenceDocumentException>(() => Pidf.Parse(document, limits)).Reason;

    [Fact]
    public void Presence_without_entity_is_rejected()
    {
        Assert.Equal("PIDF: presence without entity", Reason("""<presence xmlns="urn:ietf:params:xml:ns:pidf"/>"""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("alice@example.com")]
    [InlineData("http://example.com/alice")]
    [InlineData("tel:+15551234")]
    [InlineData("pres:")]
    [InlineData("sip:alice smith@example.com")]
    [InlineData("sip:al&lt;ice@example.com")]
    [InlineData(":alice@example.com")]
    public void Entity_that_is_not_a_pres_sip_or_sips_uri_is_rejected(string entity)
    {
        Assert.Equal(
            "PIDF: entity is not a pres, sip or sips URI",
            Reason($"""<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="{entity}"/>"""));
    }

    [Theory]
    [InlineData("""<tuple><status/></tuple>""")]
    [InlineData("""<tuple id=""><status/></tuple>""")]
    [InlineData("""<tuple id="  "><status/></tuple>""")]
    public void Tuple_without_id_is_rejected(string tuple)
    {
        Assert.Equal("PIDF: tuple without id", Reason(Open + tuple + Close));
    }

    [Fact]
    public void Person_and_device_without_id_are_rejected()
    {
        Assert.Equal("PIDF: person without id", Reason(Open + "<dm:person/>" + Close));
        Assert.Equal("PIDF: device without id", Reason(Open + "<dm:device><dm:deviceID>urn:x</dm:deviceID></dm:device>" + Close));
    }

    [Theory]
    [InlineData("""<tuple id="a"><status/></tuple><tuple id="a"><status/></tuple>""")]
    [InlineData("""<tuple id="a"><status/></tuple><tuple id=" a "><status/></tuple>""")]
    [InlineData("""<dm:person id="a"/><dm:person id="a"/>""")]
    [InlineData("""<dm:device id="a"/><dm:device id="a"/>""")]
    [InlineData("""<tuple id="a"><status/></tuple><dm:person id="a"/>""")]
    [InlineData("""<dm:person id="a"/><dm:device id="a"/>""")]
    public void Duplicate_ids_are_rejected(string body)
    {
        Assert.Equal("PIDF: duplicate id", Reason(Open + body + Close));
    }

    [Fact]
    public void Tuple_without_status_is_rejected()
    {
        Assert.Equal("PIDF: tuple without status", Reason(Open + """<tuple id="a"><contact>sip:a@example.com</contact></tuple>""" + Close));
    }

    [Fact]
    public void Tuple_with_two_statuses_is_rejected()
    {
        Assert.Equal("PIDF: tuple with more than one status", Reason(Open + """<tuple id="a"><status/><status/></tuple>""" + Close));
    }

    [Theory]
    [InlineData("Open")]
    [InlineData("busy")]
    [InlineData("")]
    public void Basic_other_than_open_or_closed_is_rejected(string basic)
    {
        Assert.Equal("PIDF: basic is neither open nor closed", Reason(Open + $"""<tuple id="a"><status><basic>{basic}</basic></status></tuple>""" + Close));
    }

    [Fact]
    public void Status_with_two_basics_is_rejected()
    {
        Assert.Equal("PIDF: status with more than one basic", Reason(Open + """<tuple id="a"><status><basic>open</basic><basic>open</basic></status></tuple>""" + Close));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2005-13-01T10:00:00Z")]
    [InlineData("2005-01-01")]
    [InlineData("2005-01-01T25:00:00Z")]
    [InlineData("")]
    [InlineData("2005-01-01T10:00:00.12345678Z")]
    public void Bad_timestamp_is_rejected(string timestamp)
    {
        Assert.Equal("PIDF: bad timestamp", Reason(Open + $"""<tuple id="a"><status/><timestamp>{timestamp}</timestamp></tuple>""" + Close));
        Assert.Equal("PIDF: bad timestamp", Reason(Open + $"""<dm:person id="p"><dm:timestamp>{timestamp}</dm:timestamp></dm:person>""" + Close));
        Assert.Equal("PIDF: bad timestamp", Reason(Open + $"""<dm:device id="d"><dm:timestamp>{timestamp}</dm:timestamp></dm:device>""" + Close));
    }

    [Fact]
    public void Two_timestamps_are_rejected()
    {
        Assert.Equal(
            "PIDF: more than one timestamp",
            Reason(Open + """<tuple id="a"><status/><timestamp>2005-01-01T10:00:00Z</timestamp><timestamp>2005-01-01T10:00:00Z</timestamp></tuple>""" + Close));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("0.1234")]
    [InlineData("1.001")]
    [InlineData(".5")]
    [InlineData("high")]
    [InlineData("")]
    [InlineData("1e-1")]
    public void Contact_priority_that_is_not_a_qvalue_is_rejected(string priority)
    {
        Assert.Equal(
            "PIDF: contact priority is not a qvalue",
            Reason(Open + $"""<tuple id="a"><status/><contact priority="{priority}">sip:a@example.com</contact></tuple>""" + Close));
    }

    [Fact]
    public void Contact_problems_are_rejected()
    {
        Assert.Equal("PIDF: contact without URI", Reason(Open + """<tuple id="a"><status/><contact> </contact></tuple>""" + Close));
        Assert.Equal("PIDF: tuple with more than one contact", Reason(Open + """<tuple id="a"><status/><contact>sip:a@x</contact><contact>sip:b@x</contact></tuple>""" + Close));
        Assert.Equal("PIDF: contact with child elements", Reason(Open + """<tuple id="a"><status/><contact><b>sip:a@x</b></contact></tuple>""" + Close));
    }

    [Fact]
    public void Unknown_elements_in_the_pidf_namespace_are_rejected()
    {
        Assert.Equal("PIDF: unknown pidf element in presence", Reason(Open + "<mood/>" + Close));
        Assert.Equal("PIDF: unknown pidf element in tuple", Reason(Open + """<tuple id="a"><status/><priority/></tuple>""" + Close));
        Assert.Equal("PIDF: unknown pidf element in status", Reason(Open + """<tuple id="a"><status><im/></status></tuple>""" + Close));
    }

    [Fact]
    public void Device_with_two_device_ids_and_empty_device_id_are_rejected()
    {
        Assert.Equal(
            "PIDF: device with more than one deviceID",
            Reason(Open + """<dm:device id="d"><dm:deviceID>urn:a</dm:deviceID><dm:deviceID>urn:b</dm:deviceID></dm:device>""" + Close));
        Assert.Equal("PIDF: empty deviceID", Reason(Open + """<tuple id="a"><status/><dm:deviceID> </dm:deviceID></tuple>""" + Close));
    }

    [Fact]
    public void Note_with_child_elements_is_rejected()
    {
        Assert.Equal("PIDF: note with child elements", Reason(Open + "<note>a<b/>c</note>" + Close));
    }

    [Theory]
    [InlineData("""<presence entity="pres:a@example.com"/>""")] // no namespace
    [InlineData("""<presence xmlns="urn:ietf:params:xml:ns:pidf:rpid" entity="pres:a@example.com"/>""")]
    [InlineData("""<p:presence xmlns:p="urn:ietf:params:xml:ns:PIDF" entity="pres:a@example.com"/>""")] // namespace names are case-sensitive
    [InlineData("""<tuple xmlns="urn:ietf:params:xml:ns:pidf" id="a"><status/></tuple>""")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"/>""")]
    public void Root_other_than_pidf_presence_is_rejected(string document)
    {
        Assert.Equal("PIDF: root is not a pidf presence element", Reason(document));
    }

    [Theory]
    [InlineData("not xml at all")]
    [InlineData("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"pres:a@example.com\">")]
    [InlineData("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"pres:a@example.com\"></tuple>")]
    [InlineData("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"pres:a@example.com\" entity=\"pres:b@example.com\"/>")]
    [InlineData("<p:presence entity=\"pres:a@example.com\"/>")] // undeclared prefix
    [InlineData("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"pres:a@example.com\"/><presence/>")]
    [InlineData("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"pres:a@example.com\">&nbsp;</presence>")]
    [InlineData("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"pres:a@example.com\"><note>&#1;</note></presence>")]
    [InlineData("{\"presence\": true}")]
    [InlineData(" ")]
    public void Malformed_xml_is_rejected_as_a_presence_document_error(string document)
    {
        Assert.Equal("PIDF: not well-formed XML", Reason(document));
    }

    [Fact]
    public void Empty_body_is_rejected()
    {
        Assert.Equal("PIDF: empty document", Reason([]));
    }

    [Fact]
    public void Invalid_utf8_is_rejected()
    {
        var bytes = Utf8("""<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:a@example.com"><note>x</note></presence>""");
        bytes[Array.IndexOf(bytes, (byte)'x')] = 0xFF; // never valid in UTF-8

        Assert.Equal("PIDF: not well-formed XML", Reason(bytes));
    }

    // The "billion laughs": nested entity definitions that expand to gigabytes. DTDs are prohibited,
    // so the reader stops at the DOCTYPE before defining a single entity.
    [Fact]
    public void Entity_expansion_attack_is_rejected_before_expansion()
    {
        var dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE presence [\n  <!ENTITY lol \"lol\">\n");
        for (var i = 1; i <= 9; i++)
        {
            dtd.Append($"  <!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? string.Empty : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))};", 10))}\">\n");
        }

        dtd.Append("]>\n<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"pres:a@example.com\"><note>&lol9;</note></presence>");

        Assert.Equal("PIDF: DTD not allowed", Reason(dtd.ToString()));
    }

    [Fact]
    public void External_entity_is_never_fetched()
    {
        var document = """
            <?xml version="1.0"?>
            <!DOCTYPE presence [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:a@example.com"><note>&secret;</note></presence>
            """;

        Assert.Equal("PIDF: DTD not allowed", Reason(document));
    }

    [Fact]
    public void Document_over_the_size_limit_is_rejected_before_parsing()
    {
        var limits = new PresenceLimits { MaxDocumentBytes = 100 };
        var big = new byte[101];
        Array.Fill(big, (byte)'<'); // not XML either: the size check comes first

        Assert.Equal("PIDF: document too large", Reason(big, limits));
    }

    [Fact]
    public void Default_size_limit_is_64_kib()
    {
        var note = new string('a', 65536);
        Assert.Equal("PIDF: document too large", Reason(Open + $"<note>{note}</note>" + Close));

        var fits = new string('a', 65536 - Utf8(Open + "<note></note>" + Close).Length);
        Assert.Equal(fits, ParsePidf(Open + $"<note>{fits}</note>" + Close).Notes[0].Text);
    }

    [Fact]
    public void Document_nested_deeper_than_the_limit_is_rejected()
    {
        string Nested(int depth) =>
            Open + string.Concat(Enumerable.Repeat("<x:e xmlns:x=\"urn:x\">", depth - 1)) + string.Concat(Enumerable.Repeat("</x:e>", depth - 1)) + Close;

        Assert.Equal(32, Nested(32).Split("<x:e").Length); // the root plus 31 nested: depth 32
        Assert.Single(ParsePidf(Nested(32)).Extensions);
        Assert.Equal("PIDF: nesting too deep", Reason(Nested(33)));
        Assert.Equal("PIDF: nesting too deep", Reason(Nested(5), new PresenceLimits { MaxDepth = 4 }));
    }

    [Fact]
    public void Deep_nesting_attack_is_stopped_at_the_limit()
    {
        var document = Open + string.Concat(Enumerable.Repeat("<x:e xmlns:x=\"urn:x\">", 2500));

        Assert.Equal("PIDF: nesting too deep", Reason(document));
    }

    [Fact]
    public void Document_with_more_elements_than_the_limit_is_rejected()
    {
        string Many(int elements) => Open + string.Concat(Enumerable.Repeat("<note>n</note>", elements - 1)) + Close;

        Assert.Equal(1999, ParsePidf(Many(2000)).Notes.Count);
        Assert.Equal("PIDF: too many elements", Reason(Many(2001)));
        Assert.Equal("PIDF: too many elements", Reason(Many(11), new PresenceLimits { MaxElements = 10 }));
    }

    [Fact]
    public void Limits_that_are_not_positive_are_a_caller_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ParsePidf(PidfSamplesMinimal, new PresenceLimits { MaxDepth = 0 }));
    }

    private const string PidfSamplesMinimal = Documents.PidfSamples.Minimal;
}
