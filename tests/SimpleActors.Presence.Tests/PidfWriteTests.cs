using System.Xml.Linq;
using SimpleActors.Presence.Tests.Documents;
using static SimpleActors.Presence.Tests.Text;

namespace SimpleActors.Presence.Tests;

public class PidfWriteTests
{
    public static TheoryData<string> Samples => new()
    {
        PidfSamples.Minimal,
        PidfSamples.TwoTuples,
        PidfSamples.DataModel,
        PidfSamples.Rpid,
        PidfSamples.OddPrefixes,
        PidfSamples.LookAlikes,
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_reads_back_equal_after_writing(string sample)
    {
        var parsed = ParsePidf(sample);

        var written = Pidf.Write(parsed);

        Assert.Equal(parsed, Pidf.Parse(written));
        Assert.Equal(parsed.GetHashCode(), Pidf.Parse(written).GetHashCode());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Writing_is_deterministic_and_a_fixed_point(string sample)
    {
        var first = Pidf.Write(ParsePidf(sample));
        var again = Pidf.Write(ParsePidf(sample));
        var rewritten = Pidf.Write(Pidf.Parse(first));

        Assert.Equal(first, again);
        Assert.Equal(first, rewritten);
    }

    [Fact]
    public void Output_is_utf8_without_bom_with_declaration_and_conventional_prefixes()
    {
        var bytes = Pidf.Write(ParsePidf(PidfSamples.DataModel));
        var text = Of(bytes);

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\" xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" entity=\"sip:erin@example.com\">", text, StringComparison.Ordinal);
        Assert.Contains("<dm:person id=\"p1\">", text, StringComparison.Ordinal);
        Assert.Contains("<rpid:on-the-phone />", text, StringComparison.Ordinal);
        Assert.Contains("<dm:deviceID>urn:uuid:6d6f0b2a-3a1e-4c0e-9d33-0a1b2c3d4e5f</dm:deviceID>", text, StringComparison.Ordinal);
        Assert.Contains("<timestamp>2006-07-12T14:02:11.25+02:00</timestamp>", text, StringComparison.Ordinal);
        Assert.Contains("<dm:timestamp>2006-07-12T14:01:00Z</dm:timestamp>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Odd_prefixes_are_written_back_with_conventional_ones()
    {
        var text = Of(Pidf.Write(ParsePidf(PidfSamples.OddPrefixes)));

        Assert.DoesNotContain("p:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("model:", text, StringComparison.Ordinal);
        Assert.Contains("<rpid:activities>", text, StringComparison.Ordinal);
        Assert.Contains("<rpid:away />", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Minimal_document_is_written_exactly()
    {
        var document = new PidfDocument(
            "pres:carol@example.org",
            [new PidfTuple("c1", new PidfStatus(BasicStatus.Open, []), new PidfContact("sip:carol@example.org", 0.8), [new PidfNote("hi", "en")], new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), null, [])],
            [],
            [],
            [],
            []);

        var expected = """
            <?xml version="1.0" encoding="utf-8"?>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:carol@example.org">
              <tuple id="c1">
                <status>
                  <basic>open</basic>
                </status>
                <contact priority="0.8">sip:carol@example.org</contact>
                <note xml:lang="en">hi</note>
                <timestamp>2024-05-06T07:08:09Z</timestamp>
              </tuple>
            </presence>
            """.ReplaceLineEndings("\n");
        Assert.Equal(expected, Of(Pidf.Write(document)));
    }

    [Fact]
    public void Unknown_extensions_survive_parse_write_parse_with_attributes_text_and_nesting()
    {
        var source = """
            <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:a="urn:example:a" xmlns:b="urn:example:b"
                      xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="pres:uma@example.com">
              <tuple id="u">
                <status><basic>open</basic><a:mode b:level="3" plain="x &amp; y">quiet</a:mode></status>
                <a:capabilities><a:audio/><a:video enabled="false"/><b:text>mixed <a:em>content</a:em> here</b:text></a:capabilities>
              </tuple>
              <dm:person id="up"><b:card xmlns:c="urn:example:c"><c:line n="1">  spaced  </c:line><c:line n="2">tab&#9;and&#13;cr</c:line></b:card></dm:person>
              <a:geo lat="1.5" lon="-2.25"><a:when>now</a:when></a:geo>
            </presence>
            """;
        var parsed = ParsePidf(source);

        var reparsed = Pidf.Parse(Pidf.Write(parsed));

        Assert.Equal(parsed, reparsed);
        var mode = reparsed.Tuples[0].Status.Extensions[0];
        Assert.Equal("3", mode.Attribute(XName.Get("level", "urn:example:b"))?.Value);
        Assert.Equal("x & y", mode.Attribute("plain")?.Value);
        Assert.Equal("quiet", mode.Value);
        Assert.Equal("mixed content here", reparsed.Tuples[0].Extensions[0].Elements().Last().Value);
        var lines = reparsed.Persons[0].Extensions[0].Elements().ToArray();
        Assert.Equal("  spaced  ", lines[0].Value);
        Assert.Equal("tab\tand\rcr", lines[1].Value);
        Assert.Equal("-2.25", reparsed.Extensions[0].Attribute("lon")?.Value);
    }

    [Fact]
    public void Hand_built_extension_with_comments_cdata_and_declarations_reads_back_equal()
    {
        XNamespace x = "urn:example:x";
        var extension = new XElement(
            x + "e",
            new XAttribute(XNamespace.Xmlns + "x", x.NamespaceName),
            new XComment("dropped"),
            new XCData("a<b"),
            "c",
            new XElement(x + "f", string.Empty),
            new XProcessingInstruction("pi", "dropped"));
        var document = new PidfDocument("pres:vic@example.com", [], [], [], [], [extension]);

        var reparsed = Pidf.Parse(Pidf.Write(document));

        Assert.Equal(document, reparsed);
        Assert.Equal("a<bc", reparsed.Extensions[0].Nodes().OfType<XText>().Single().Value);
        Assert.True(reparsed.Extensions[0].Element(x + "f")!.IsEmpty);
    }

    [Fact]
    public void Special_characters_in_values_are_escaped_and_read_back()
    {
        var note = new PidfNote("<&>\"' ]]> \r\n\t end ", "en-GB");
        var document = new PidfDocument(
            "sip:w%20x@example.com;transport=tls",
            [new PidfTuple("t&1", new PidfStatus(null, []), new PidfContact("sip:a@example.com?subject=a&b", null), [note], null, "urn:x:\"q\"", [])],
            [new PidfPerson("p", ["other:<tag> & \"quote\""], [note], null, [])],
            [],
            [new PidfNote(string.Empty, string.Empty)],
            []);

        Assert.Equal(document, Pidf.Parse(Pidf.Write(document)));
    }

    [Fact]
    public void Timestamps_keep_their_offset_and_precision()
    {
        var stamps = new[]
        {
            new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(-330)),
            new DateTimeOffset(638000000000000001, TimeSpan.FromHours(14)),
            new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999),
        };
        foreach (var stamp in stamps)
        {
            var document = new PidfDocument("pres:a@example.com", [new PidfTuple("t", new PidfStatus(null, []), null, [], stamp, null, [])], [], [], [], []);

            var read = Pidf.Parse(Pidf.Write(document)).Tuples[0].Timestamp!.Value;

            Assert.Equal(stamp, read);
            Assert.Equal(stamp.Offset, read.Offset);
            Assert.Equal(stamp.Ticks, read.Ticks);
        }
    }

    [Fact]
    public void Activities_of_every_form_are_written_back()
    {
        var person = new PidfPerson("p", ["away", "on-the-phone", "other:gone fishing", "{urn:example:sport}climbing", "unknown"], [], null, []);
        var document = new PidfDocument("pres:a@example.com", [], [person], [], [], []);

        var text = Of(Pidf.Write(document));

        Assert.Equal(document, Pidf.Parse(Utf8(text)));
        Assert.Contains("<rpid:other>gone fishing</rpid:other>", text, StringComparison.Ordinal);
        Assert.Contains("<climbing xmlns=\"urn:example:sport\" />", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rpid_and_data_model_prefixes_are_declared_only_when_used()
    {
        var text = Of(Pidf.Write(ParsePidf(PidfSamples.Minimal)));

        Assert.DoesNotContain("xmlns:dm", text, StringComparison.Ordinal);
        Assert.DoesNotContain("xmlns:rpid", text, StringComparison.Ordinal);

        var withRpidExtension = new PidfDocument(
            "pres:a@example.com",
            [new PidfTuple("t", new PidfStatus(null, []), null, [], null, null, [new XElement(XName.Get("class", Pidf.RpidNamespace), "work")])],
            [],
            [],
            [],
            []);
        var rpidText = Of(Pidf.Write(withRpidExtension));
        Assert.Contains("xmlns:rpid", rpidText, StringComparison.Ordinal);
        Assert.Contains("<rpid:class>work</rpid:class>", rpidText, StringComparison.Ordinal);
    }

    public static TheoryData<PidfDocument> InvalidDocuments
    {
        get
        {
            static PidfTuple Tuple(string id) => new(id, new PidfStatus(BasicStatus.Open, []), null, [], null, null, []);
            static PidfDocument Doc(params PidfTuple[] tuples) => new("pres:a@example.com", tuples, [], [], [], []);
            XNamespace dm = Pidf.DataModelNamespace;
            XNamespace pidf = Pidf.Namespace;
            XNamespace rpid = Pidf.RpidNamespace;
            return new TheoryData<PidfDocument>
            {
                Doc() with { Entity = "http://example.com" },
                Doc() with { Entity = "pres:" },
                Doc(Tuple(string.Empty)),
                Doc(Tuple(" t")),
                Doc(Tuple("t"), Tuple("t")),
                Doc(Tuple("t")) with { Persons = [new PidfPerson("t", [], [], null, [])] },
                Doc(Tuple("t") with { Status = null! }),
                Doc(Tuple("t") with { Status = new PidfStatus((BasicStatus)7, []) }),
                Doc(Tuple("t") with { Contact = new PidfContact("sip:a@x", 1.5) }),
                Doc(Tuple("t") with { Contact = new PidfContact("sip:a@x", 0.1234) }),
                Doc(Tuple("t") with { Contact = new PidfContact("sip:a@x", double.NaN) }),
                Doc(Tuple("t") with { Contact = new PidfContact(" sip:a@x", null) }),
                Doc(Tuple("t") with { Contact = new PidfContact(string.Empty, null) }),
                Doc(Tuple("t") with { DeviceId = string.Empty }),
                Doc(Tuple("t") with { Extensions = [new XElement(pidf + "note")] }),
                Doc(Tuple("t") with { Extensions = [new XElement(dm + "deviceID", "urn:x")] }),
                Doc(Tuple("t") with { Status = new PidfStatus(null, [new XElement(pidf + "basic", "open")]) }),
                Doc(Tuple("t") with { Notes = [new PidfNote("bad \u0001 char", null)] }),
                Doc() with { Extensions = [new XElement(dm + "person", new XAttribute("id", "x"))] },
                Doc() with { Extensions = [new XElement(pidf + "tuple")] },
                Doc() with { Persons = [new PidfPerson("p", ["not an ncname"], [], null, [])] },
                Doc() with { Persons = [new PidfPerson("p", ["{" + Pidf.RpidNamespace + "}away"], [], null, [])] },
                Doc() with { Persons = [new PidfPerson("p", ["note"], [], null, [])] },
                Doc() with { Persons = [new PidfPerson("p", [], [], null, [new XElement(rpid + "activities")])] },
                Doc() with { Persons = [new PidfPerson("p", [], [], null, [new XElement(dm + "timestamp", "2000-01-01T00:00:00Z")])] },
                Doc() with { Devices = [new PidfDevice("d", null, [], null, [new XElement(dm + "deviceID", "urn:x")])] },
                Doc() with { Devices = [new PidfDevice("d", "urn:x ", [], null, [])] },
            };
        }
    }

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public void Document_that_would_not_read_back_equal_is_refused(PidfDocument document)
    {
        Assert.ThrowsAny<ArgumentException>(() => Pidf.Write(document));
    }

    /// <summary>
    /// Found by the pidf fuzz target (docs/reliability.md): the writer declared an extension's namespace again on every
    /// element that used it, so a document of many small elements in one long namespace came out many times larger than it
    /// went in (here about 300 times; a 60 KB publication could become tens of megabytes in every NOTIFY).
    /// </summary>
    [Fact]
    public void Extension_namespaces_are_declared_once_so_writing_never_multiplies_the_size()
    {
        var ns = "urn:example:" + new string('x', 2000);
        var elements = string.Concat(Enumerable.Range(0, 300).Select(i => $"<e:n{i % 7}/>"));
        var document = $"""<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:e="{ns}" entity="pres:tom@example.com"><tuple id="t"><status><basic>open</basic></status></tuple>{elements}</presence>""";
        var parsed = ParsePidf(document);

        var written = Pidf.Write(parsed);

        Assert.True(written.Length < 2 * document.Length, $"{document.Length} bytes in, {written.Length} out");
        Assert.Equal(parsed, Pidf.Parse(written));
    }

    [Theory]
    [InlineData("sip:alice@example.com")]
    [InlineData("pres:bob@example.org")]
    [InlineData("sips:carol@[2001:db8::1]:5061;transport=tls")]
    [InlineData("sip:%61lice@example.com")]
    [InlineData("sip:a&b@example.com")]
    [InlineData("sip:o'brien@example.com")]
    public void The_closed_document_written_directly_has_the_bytes_the_writer_gives(string entity)
    {
        Assert.Equal(Pidf.Write(Pidf.Closed(entity)), Pidf.WriteClosed(entity));
        Assert.Equal(Pidf.Closed(entity), Pidf.Parse(Pidf.WriteClosed(entity)));
    }

    [Fact]
    public void The_closed_document_is_refused_for_an_entity_that_is_no_presentity_uri() =>
        Assert.Throws<ArgumentException>(() => Pidf.WriteClosed("alice@example.com"));
}
