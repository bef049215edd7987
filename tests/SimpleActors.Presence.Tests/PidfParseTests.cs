using System.Xml.Linq;
using SimpleActors.Presence.Tests.Documents;
using static SimpleActors.Presence.Tests.Text;

namespace SimpleActors.Presence.Tests;

public class PidfParseTests
{
    private static readonly XNamespace Im = "urn:ietf:params:xml:ns:pidf:im";
    private static readonly XNamespace Rpid = Pidf.RpidNamespace;

    [Fact]
    public void Minimal_document_gives_entity_tuple_status_and_contact()
    {
        var d = ParsePidf(PidfSamples.Minimal);

        Assert.Equal("pres:carol@example.org", d.Entity);
        var tuple = Assert.Single(d.Tuples);
        Assert.Equal("c1", tuple.Id);
        Assert.Equal(BasicStatus.Open, tuple.Status.Basic);
        Assert.Empty(tuple.Status.Extensions);
        Assert.Equal(new PidfContact("sip:carol@pc17.example.org", null), tuple.Contact);
        Assert.Empty(tuple.Notes);
        Assert.Null(tuple.Timestamp);
        Assert.Null(tuple.DeviceId);
        Assert.Empty(d.Persons);
        Assert.Empty(d.Devices);
        Assert.Empty(d.Notes);
        Assert.Empty(d.Extensions);
    }

    [Fact]
    public void Rfc3863_shaped_document_keeps_priorities_notes_languages_timestamp_and_status_extensions()
    {
        var d = ParsePidf(PidfSamples.TwoTuples);

        Assert.Equal(["mobile-7", "mail-2"], d.Tuples.Select(t => t.Id));
        var mobile = d.Tuples[0];
        Assert.Equal(BasicStatus.Open, mobile.Status.Basic);
        Assert.Equal([Im + "im", XName.Get("where", "http://loc.example.net/ns")], mobile.Status.Extensions.Select(e => e.Name));
        Assert.Equal("away", mobile.Status.Extensions[0].Value);
        Assert.Equal(new PidfContact("im:dave@im.example.net", 0.65), mobile.Contact);
        Assert.Equal([new PidfNote("Back at three", "en"), new PidfNote("Zurück um drei", "de")], mobile.Notes);
        Assert.Equal(new DateTimeOffset(2005, 4, 1, 9, 15, 30, TimeSpan.Zero), mobile.Timestamp);

        var mail = d.Tuples[1];
        Assert.Equal(BasicStatus.Closed, mail.Status.Basic);
        Assert.Equal(1.0, mail.Contact!.Priority);
        Assert.Equal([new PidfNote("Travelling until Friday", null)], d.Notes);
    }

    [Fact]
    public void Data_model_document_maps_device_id_person_and_device()
    {
        var d = ParsePidf(PidfSamples.DataModel);

        var tuple = Assert.Single(d.Tuples);
        Assert.Equal("urn:uuid:6d6f0b2a-3a1e-4c0e-9d33-0a1b2c3d4e5f", tuple.DeviceId);
        Assert.Empty(tuple.Extensions);
        Assert.Equal(new DateTimeOffset(2006, 7, 12, 14, 2, 11, 250, TimeSpan.FromHours(2)), tuple.Timestamp);

        var person = Assert.Single(d.Persons);
        Assert.Equal("p1", person.Id);
        Assert.Equal(["on-the-phone"], person.Activities);
        Assert.Equal([new PidfNote("On a call", null)], person.Notes);
        Assert.Equal(new DateTimeOffset(2006, 7, 12, 14, 1, 0, TimeSpan.Zero), person.Timestamp);
        Assert.Empty(person.Extensions);

        var device = Assert.Single(d.Devices);
        Assert.Equal("dv3", device.Id);
        Assert.Equal(tuple.DeviceId, device.DeviceId);
        Assert.Equal([new PidfNote("Desk phone", "en")], device.Notes);
        Assert.Equal(new DateTimeOffset(2006, 7, 12, 13, 0, 0, TimeSpan.Zero), device.Timestamp);
    }

    [Fact]
    public void Rpid_activities_become_names_and_other_rpid_elements_are_kept_verbatim_in_order()
    {
        var d = ParsePidf(PidfSamples.Rpid);

        var person = Assert.Single(d.Persons);
        Assert.Equal(["meeting", "busy", "other:rehearsing"], person.Activities);
        Assert.Equal(
            ["mood", "place-type", "privacy", "sphere", "status-icon", "time-offset", "user-input"],
            person.Extensions.Select(e => e.Name.LocalName));
        Assert.All(person.Extensions, e => Assert.Equal(Rpid, e.Name.Namespace));
        Assert.Equal(Rpid + "stressed", person.Extensions[0].Elements().Single().Name);
        Assert.Equal("600", person.Extensions[6].Attribute("idle-threshold")?.Value);
        Assert.Equal("-300", person.Extensions[5].Value);

        var tuple = Assert.Single(d.Tuples);
        Assert.Equal(["class", "relationship", "service-class"], tuple.Extensions.Select(e => e.Name.LocalName));
        Assert.Equal(0.5, tuple.Contact!.Priority);
    }

    [Fact]
    public void Activity_from_another_namespace_is_named_by_its_expanded_name()
    {
        var d = ParsePidf("""
            <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
                      xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:s="urn:example:sport" entity="pres:ivy@example.com">
              <dm:person id="i"><rpid:activities><s:climbing/><rpid:unknown/></rpid:activities></dm:person>
            </presence>
            """);

        Assert.Equal(["{urn:example:sport}climbing", "unknown"], d.Persons[0].Activities);
    }

    [Fact]
    public void Elements_are_matched_by_namespace_whatever_the_prefix()
    {
        var d = ParsePidf(PidfSamples.OddPrefixes);

        Assert.Equal("sips:gina@example.com", d.Entity);
        Assert.Equal(BasicStatus.Closed, Assert.Single(d.Tuples).Status.Basic);
        Assert.Equal(["away"], Assert.Single(d.Persons).Activities);
    }

    [Fact]
    public void Elements_named_like_pidf_ones_in_another_namespace_are_extensions()
    {
        var d = ParsePidf(PidfSamples.LookAlikes);

        var tuple = Assert.Single(d.Tuples);
        Assert.Equal(BasicStatus.Open, tuple.Status.Basic);
        Assert.Equal("closed", Assert.Single(tuple.Status.Extensions).Value);
        Assert.Null(tuple.Contact);
        Assert.Equal("contact", Assert.Single(tuple.Extensions).Name.LocalName);
        Assert.Equal("not-a-tuple", Assert.Single(d.Extensions).Attribute("id")?.Value);
    }

    [Fact]
    public void Unknown_elements_at_every_level_are_kept_in_document_order()
    {
        var d = ParsePidf("""
            <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
                      xmlns:a="urn:example:a" xmlns:b="urn:example:b" entity="pres:jo@example.com">
              <a:first/>
              <tuple id="t">
                <a:t1/><status><b:s1/><basic>open</basic><a:s2>x</a:s2></status><b:t2 k="v"/>
              </tuple>
              <b:second><a:inner>deep</a:inner></b:second>
              <dm:person id="p"><a:p1/><b:p2/></dm:person>
              <dm:device id="d"><b:d1/><dm:deviceID>mac:0011223344</dm:deviceID><a:d2/></dm:device>
            </presence>
            """);

        Assert.Equal(["first", "second"], d.Extensions.Select(e => e.Name.LocalName));
        Assert.Equal("deep", d.Extensions[1].Value);
        Assert.Equal(["t1", "t2"], d.Tuples[0].Extensions.Select(e => e.Name.LocalName));
        Assert.Equal(["s1", "s2"], d.Tuples[0].Status.Extensions.Select(e => e.Name.LocalName));
        Assert.Equal(["p1", "p2"], d.Persons[0].Extensions.Select(e => e.Name.LocalName));
        Assert.Equal(["d1", "d2"], d.Devices[0].Extensions.Select(e => e.Name.LocalName));
        Assert.Equal("mac:0011223344", d.Devices[0].DeviceId);
    }

    [Fact]
    public void Extension_elements_carry_no_namespace_declarations_but_keep_their_names()
    {
        var d = ParsePidf(PidfSamples.TwoTuples);

        var im = d.Tuples[0].Status.Extensions[0];
        Assert.DoesNotContain(im.Attributes(), a => a.IsNamespaceDeclaration);
        Assert.Equal(Im + "im", im.Name);
        Assert.Null(im.Parent);
    }

    [Fact]
    public void Note_language_is_inherited_from_an_ancestor_xml_lang()
    {
        var d = ParsePidf("""
            <presence xmlns="urn:ietf:params:xml:ns:pidf" xml:lang="fr" entity="pres:kim@example.com">
              <tuple id="k" xml:lang="it"><status/><note>ciao</note><note xml:lang="en">hi</note></tuple>
              <note>bonjour</note>
            </presence>
            """);

        Assert.Equal([new PidfNote("ciao", "it"), new PidfNote("hi", "en")], d.Tuples[0].Notes);
        Assert.Equal([new PidfNote("bonjour", "fr")], d.Notes);
    }

    [Fact]
    public void Status_without_basic_is_accepted()
    {
        var d = ParsePidf("""<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:lee@example.com"><tuple id="l"><status/></tuple></presence>""");

        Assert.Null(d.Tuples[0].Status.Basic);
    }

    [Fact]
    public void Note_text_is_kept_exactly_and_tokens_are_trimmed()
    {
        var d = ParsePidf("""
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="  pres:max@example.com
              ">
              <tuple id=" m ">
                <status><basic> open </basic></status>
                <contact priority=" 0.125 ">
                  sip:max@example.com
                </contact>
                <note>  two  spaces  &amp; an ampersand </note>
                <timestamp> 2010-01-02T03:04:05-05:00 </timestamp>
              </tuple>
            </presence>
            """);

        Assert.Equal("pres:max@example.com", d.Entity);
        var t = d.Tuples[0];
        Assert.Equal("m", t.Id);
        Assert.Equal(BasicStatus.Open, t.Status.Basic);
        Assert.Equal(new PidfContact("sip:max@example.com", 0.125), t.Contact);
        Assert.Equal("  two  spaces  & an ampersand ", t.Notes[0].Text);
        Assert.Equal(new DateTimeOffset(2010, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5)), t.Timestamp);
        Assert.Equal(TimeSpan.FromHours(-5), t.Timestamp!.Value.Offset);
    }

    [Theory]
    [InlineData("2001-10-27T16:49:29Z", "2001-10-27T16:49:29+00:00")]
    [InlineData("2001-10-27T16:49:29.5+01:00", "2001-10-27T15:49:29.5+00:00")]
    [InlineData("2001-10-27T16:49:29", "2001-10-27T16:49:29+00:00")] // no zone: taken as UTC
    [InlineData("2001-10-27T16:49:29.1234567Z", "2001-10-27T16:49:29.1234567+00:00")]
    public void Timestamps_are_xs_date_times(string text, string instant)
    {
        var d = ParsePidf($"""<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:ned@example.com"><tuple id="n"><status/><timestamp>{text}</timestamp></tuple></presence>""");

        Assert.Equal(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), d.Tuples[0].Timestamp);
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("1", 1.0)]
    [InlineData("1.000", 1.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("0.999", 0.999)]
    [InlineData("0.", 0.0)]
    public void Contact_priority_is_a_qvalue(string text, double expected)
    {
        var d = ParsePidf($"""<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:ola@example.com"><tuple id="o"><status/><contact priority="{text}">sip:o@example.com</contact></tuple></presence>""");

        Assert.Equal(expected, d.Tuples[0].Contact!.Priority);
    }

    [Fact]
    public void Entity_may_be_pres_sip_or_sips_in_any_case()
    {
        foreach (var entity in new[] { "pres:a@example.com", "sip:a@example.com", "sips:a@example.com;transport=tcp", "SIP:a@example.com", "PRES:a%40b@example.com" })
        {
            var d = ParsePidf($"""<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="{entity}"/>""");
            Assert.Equal(entity, d.Entity);
        }
    }

    [Fact]
    public void Comments_processing_instructions_and_cdata_do_not_change_the_model()
    {
        var plain = ParsePidf("""<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:x="urn:x" entity="pres:pia@example.com"><tuple id="p"><status><basic>open</basic><x:e a="1">ab</x:e></status><note>hello</note></tuple></presence>""");
        var noisy = ParsePidf("""
            <?xml version="1.0"?>
            <!-- a comment before the root -->
            <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:x="urn:x" entity="pres:pia@example.com">
              <?app some instruction?>
              <tuple id="p"><!-- c --><status><basic>open</basic><x:e a="1">a<!-- c --><![CDATA[b]]></x:e></status><note><![CDATA[hel]]>lo</note></tuple>
            </presence>
            """);

        Assert.Equal(plain, noisy);
    }

    [Fact]
    public void Text_between_structural_elements_is_ignored()
    {
        var d = ParsePidf("""<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:quin@example.com">stray<tuple id="q">more<status>text<basic>open</basic></status></tuple></presence>""");

        Assert.Equal(BasicStatus.Open, d.Tuples[0].Status.Basic);
    }

    [Fact]
    public void Second_device_id_in_a_tuple_stays_an_extension()
    {
        var d = ParsePidf("""
            <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="pres:ray@example.com">
              <tuple id="r"><status/><dm:deviceID>urn:x:1</dm:deviceID><dm:deviceID>urn:x:2</dm:deviceID></tuple>
            </presence>
            """);

        Assert.Equal("urn:x:1", d.Tuples[0].DeviceId);
        Assert.Equal("urn:x:2", Assert.Single(d.Tuples[0].Extensions).Value);
    }

    [Fact]
    public void Utf16_document_with_bom_is_read()
    {
        var text = """<?xml version="1.0" encoding="UTF-16"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:sue@example.com"><note>ü</note></presence>""";
        var bytes = System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes(text)).ToArray();

        Assert.Equal("ü", Pidf.Parse(bytes).Notes[0].Text);
    }
}
