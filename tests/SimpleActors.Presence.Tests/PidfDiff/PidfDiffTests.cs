using System.Xml.Linq;
using SimpleActors.Presence.Patch;
using SimpleActors.Presence.PidfDiff;
using static SimpleActors.Presence.Tests.PidfDiff.PidfDiffSamples;

namespace SimpleActors.Presence.Tests.PidfDiff;

public class PidfDiffTests
{
    private static PidfDiffDocument Parse(string text) => Presence.PidfDiff.PidfDiff.Parse(Utf8(text));

    [Fact]
    public void A_pidf_full_whose_default_namespace_is_not_pidf_is_refused_with_the_typed_error()
    {
        // Found by the pidf fuzz target (tests/fuzz/corpus/pidf/regression-pidf-full-default-namespace): an XmlException escaped.
        const string Text = """<p:pidf-full xmlns="urn:ietf:params:vml:ns:pidf" xmlns:p="urn:ietf:params:xml:ns:pidf-diff" entity="pres:someone@example.com" version="1"><tuple id="t"><status><basic>open</basic></status></tuple></p:pidf-full>""";

        var e = Assert.Throws<PresenceDocumentException>(() => Parse(Text));

        Assert.StartsWith("pidf-full", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rfc_5262_pidf_full_reads_as_its_presence_document()
    {
        var full = Parse(Full567);

        Assert.True(full.IsFull);
        Assert.Equal("pres:someone@example.com", full.Entity);
        Assert.Equal(567u, full.Version);
        Assert.Empty(full.Operations);
        var pidf = Pidf.Parse(Presence.PidfDiff.PidfDiff.Write(full.Presence!));
        Assert.Equal("pres:someone@example.com", pidf.Entity);
        Assert.Equal(["sg89ae", "cg231jcr", "r1230d"], pidf.Tuples.Select(t => t.Id));
        Assert.Equal("p1", Assert.Single(pidf.Persons).Id);
    }

    [Fact]
    public void The_rfc_5262_pidf_diff_applied_to_the_pidf_full_gives_the_changed_pidf()
    {
        var full = Parse(Full567);
        var diff = Parse(Diff568);

        Assert.False(diff.IsFull);
        Assert.Equal(568u, diff.Version);
        Assert.Equal(["add", "replace", "remove", "replace"], diff.Operations.Select(o => o.Name.LocalName));

        var result = Pidf.Parse(Presence.PidfDiff.PidfDiff.Apply(Presence.PidfDiff.PidfDiff.Write(full.Presence!), diff));
        Assert.Equal(["sg89ae", "cg231jcr", "r1230d", "ert4773"], result.Tuples.Select(t => t.Id));
        Assert.Equal(BasicStatus.Open, result.Tuples.Single(t => t.Id == "r1230d").Status.Basic);
        Assert.Equal(0.7, result.Tuples.Single(t => t.Id == "cg231jcr").Contact!.Priority);
        Assert.Equal(["meeting"], Assert.Single(result.Persons).Activities);
    }

    [Fact]
    public void Directives_between_two_pidf_documents_rebuild_the_second_from_the_first()
    {
        var before = Presence.PidfDiff.PidfDiff.Write(Parse(Full567).Presence!);
        var after = Presence.PidfDiff.PidfDiff.Apply(before, Parse(Diff568));

        var directives = Presence.PidfDiff.PidfDiff.Directives(before, after);
        var written = Presence.PidfDiff.PidfDiff.WriteDiff("pres:someone@example.com", 9, directives);
        var read = Presence.PidfDiff.PidfDiff.Parse(written);

        Assert.Equal(9u, read.Version);
        Assert.NotEmpty(read.Operations);
        Assert.All(read.Operations, o => Assert.Equal(Presence.PidfDiff.PidfDiff.Namespace, o.Name.NamespaceName));
        Assert.Equal(Pidf.Parse(after), Pidf.Parse(Presence.PidfDiff.PidfDiff.Apply(before, read)));
    }

    [Fact]
    public void Equal_documents_have_no_directives_and_an_empty_pidf_diff_is_legal()
    {
        var pidf = Pidf.WriteClosed("sip:alice@example.com");

        var directives = Presence.PidfDiff.PidfDiff.Directives(pidf, pidf);
        var empty = Presence.PidfDiff.PidfDiff.Parse(Presence.PidfDiff.PidfDiff.WriteDiff("sip:alice@example.com", 2, directives));

        Assert.Empty(directives);
        Assert.Empty(empty.Operations);
        Assert.Equal(Pidf.Parse(pidf), Pidf.Parse(Presence.PidfDiff.PidfDiff.Apply(pidf, empty)));
    }

    [Fact]
    public void A_pidf_full_written_from_a_pidf_document_reads_back_as_that_document()
    {
        var pidf = Pidf.WriteClosed("sip:alice@example.com");

        var full = Presence.PidfDiff.PidfDiff.Parse(Presence.PidfDiff.PidfDiff.WriteFull(pidf, 4_000_000_000));

        Assert.True(full.IsFull);
        Assert.Equal(4_000_000_000u, full.Version);
        Assert.Equal("sip:alice@example.com", full.Entity);
        Assert.Equal(Pidf.Parse(pidf), Pidf.Parse(Presence.PidfDiff.PidfDiff.Write(full.Presence!)));
    }

    [Fact]
    public void An_entity_with_characters_xml_escapes_is_escaped_in_the_pidf_diff()
    {
        var read = Presence.PidfDiff.PidfDiff.Parse(Presence.PidfDiff.PidfDiff.WriteDiff("sip:a&b@example.com", 1, []));

        Assert.Equal("sip:a&b@example.com", read.Entity);
    }

    [Theory]
    [InlineData("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:a@example.com'/>", "neither pidf-full nor pidf-diff")]
    [InlineData("<p:pidf-diff xmlns:p='urn:ietf:params:xml:ns:pidf-diff' entity='pres:a@example.com' version='-1'/>", "version")]
    [InlineData("<p:pidf-diff xmlns:p='urn:ietf:params:xml:ns:pidf-diff' entity='pres:a@example.com' version='4294967296'/>", "version")]
    [InlineData("<p:pidf-diff xmlns:p='urn:ietf:params:xml:ns:pidf-diff' entity='pres:a@example.com'/>", "version")]
    [InlineData("<p:pidf-diff xmlns:p='urn:ietf:params:xml:ns:pidf-diff' entity='http://a' version='1'/>", "entity")]
    [InlineData("<p:pidf-diff xmlns:p='urn:ietf:params:xml:ns:pidf-diff' entity='pres:a@example.com' version='1'><p:move sel='*'/></p:pidf-diff>", "not a patch directive")]
    [InlineData("<p:pidf-diff xmlns:p='urn:ietf:params:xml:ns:pidf-diff' entity='pres:a@example.com' version='1'>text</p:pidf-diff>", "text between")]
    [InlineData("<p:pidf-full xmlns='urn:ietf:params:xml:ns:pidf' xmlns:p='urn:ietf:params:xml:ns:pidf-diff' entity='pres:a@example.com' version='1'><tuple id='t'/></p:pidf-full>", "PIDF")]
    [InlineData("<!DOCTYPE x [<!ENTITY a 'b'>]><p:pidf-diff xmlns:p='urn:ietf:params:xml:ns:pidf-diff' entity='pres:a@example.com' version='1'/>", "DTD not allowed")]
    [InlineData("<p:pidf-diff xmlns:p='urn:ietf:params:xml:ns:pidf-diff'", "not well-formed")]
    public void Documents_that_are_not_pidf_diff_are_refused_with_a_reason(string text, string reason)
    {
        var e = Assert.Throws<PresenceDocumentException>(() => Parse(text));

        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_are_checked_on_pidf_diff_documents()
    {
        var deep = "<p:pidf-diff xmlns:p='urn:ietf:params:xml:ns:pidf-diff' entity='pres:a@example.com' version='1'><p:add sel='*'>"
            + string.Concat(Enumerable.Repeat("<x>", 40)) + string.Concat(Enumerable.Repeat("</x>", 40)) + "</p:add></p:pidf-diff>";

        Assert.Contains("too deep", Assert.Throws<PresenceDocumentException>(() => Parse(deep)).Reason, StringComparison.Ordinal);
        Assert.Contains(
            "too large",
            Assert.Throws<PresenceDocumentException>(() => Presence.PidfDiff.PidfDiff.Parse(Utf8(Diff568), new PresenceLimits { MaxDocumentBytes = 100 })).Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_directive_that_fails_is_its_rfc_5261_error()
    {
        var pidf = Presence.PidfDiff.PidfDiff.Write(Parse(Full567).Presence!);
        var diff = Parse(Diff568.Replace("r1230d", "nosuch", StringComparison.Ordinal));

        var e = Assert.Throws<XmlPatchException>(() => Presence.PidfDiff.PidfDiff.Apply(pidf, diff));

        Assert.Equal(PatchErrorKind.UnlocatedNode, e.Kind);
    }

    [Fact]
    public void A_patch_whose_result_is_not_pidf_is_refused()
    {
        var pidf = Presence.PidfDiff.PidfDiff.Write(Parse(Full567).Presence!);
        var diff = Parse("""
            <p:pidf-diff xmlns="urn:ietf:params:xml:ns:pidf" xmlns:p="urn:ietf:params:xml:ns:pidf-diff" entity="pres:someone@example.com" version="568">
             <p:remove sel="presence/tuple[@id='sg89ae']/status"/>
            </p:pidf-diff>
            """);

        var e = Assert.Throws<PresenceDocumentException>(() => Presence.PidfDiff.PidfDiff.Apply(pidf, diff));

        Assert.Contains("status", e.Reason, StringComparison.OrdinalIgnoreCase);
    }
}
