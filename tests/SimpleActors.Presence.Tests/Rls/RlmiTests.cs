using SimpleActors.Presence.Rls;
using static SimpleActors.Presence.Tests.Text;

namespace SimpleActors.Presence.Tests.Rls;

public class RlmiTests
{
    [Fact]
    public void The_full_state_rlmi_of_the_rfc_4662_example_is_read()
    {
        // After RFC 4662 section 6, reconstructed.
        var list = RlmiReader.Read(Utf8(Rfc4662Example.FullRlmi));

        Assert.Equal(Rfc4662Example.ListUri, list.Uri);
        Assert.Equal(1u, list.Version);
        Assert.True(list.FullState);
        Assert.Equal([new RlmiName("Buddy List at COM", "en"), new RlmiName("Liste der Freunde an COM", "de")], list.Names);
        Assert.Equal(4, list.Resources.Count);
        Assert.Equal(new RlmiResource(
            "sip:bob@vancouver.example.com",
            [new RlmiName("Bob Smith")],
            [new RlmiInstance("juwigmtboe", RlmiInstanceState.Active, null, "bUZBsM@pres.vancouver.example.com")]), list.Resources[0]);
        Assert.Equal(new RlmiInstance("sdlkmeopdf", RlmiInstanceState.Pending), list.Resources[2].Instances.Single());
        Assert.Equal("1KQhyE@pres.vancouver.example.com", list.Resources[3].Instances.Single().Cid);
    }

    [Fact]
    public void A_terminated_instance_keeps_its_reason_and_has_no_cid()
    {
        var list = RlmiReader.Read(Utf8(Rfc4662Example.NestedRlmi));

        Assert.Equal(new RlmiInstance("1", RlmiInstanceState.Terminated, "rejected"), list.Resources[1].Instances.Single());
    }

    [Fact]
    public void The_partial_rlmi_of_the_example_says_partial()
    {
        var list = RlmiReader.Read(Utf8(Rfc4662Example.PartialRlmi));

        Assert.False(list.FullState);
        Assert.Equal(2u, list.Version);
        Assert.Single(list.Resources);
    }

    [Fact]
    public void Written_rlmi_reads_back_equal_and_escapes_values()
    {
        var list = new RlmiList(
            "sip:list@example.com;a=\"x\"", 7, false, [new RlmiName("A & B <C>", "en")],
            [new RlmiResource("sip:a@example.com", [], [new RlmiInstance("i\"1", RlmiInstanceState.Terminated, "giveup")])]);

        var bytes = RlmiWriter.Write(list);

        Assert.Equal(list, RlmiReader.Read(bytes));
        Assert.Contains("A &amp; B &lt;C&gt;", Of(bytes), StringComparison.Ordinal);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<list xmlns=\"urn:ietf:params:xml:ns:rlmi\"", Of(bytes), StringComparison.Ordinal);
        Assert.Contains("fullState=\"false\"", Of(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Extension_elements_of_other_namespaces_are_skipped()
    {
        var list = RlmiReader.Read(Utf8("""
            <list xmlns="urn:ietf:params:xml:ns:rlmi" xmlns:x="urn:x" uri="sip:l@example.com" version="0" fullState="1">
              <x:extra/>
              <resource uri="sip:a@example.com"><x:extra/><instance id="a" state="active"><x:inside/></instance></resource>
            </list>
            """));

        Assert.True(list.FullState);
        Assert.Equal(new RlmiInstance("a", RlmiInstanceState.Active), list.Resources[0].Instances[0]);
    }

    [Theory]
    [InlineData("<list xmlns=\"urn:x\" uri=\"sip:l@x\" version=\"0\" fullState=\"true\"/>")]
    [InlineData("<list xmlns=\"urn:ietf:params:xml:ns:rlmi\" version=\"0\" fullState=\"true\"/>")]
    [InlineData("<list xmlns=\"urn:ietf:params:xml:ns:rlmi\" uri=\"sip:l@x\" version=\"-1\" fullState=\"true\"/>")]
    [InlineData("<list xmlns=\"urn:ietf:params:xml:ns:rlmi\" uri=\"sip:l@x\" version=\"4294967296\" fullState=\"true\"/>")]
    [InlineData("<list xmlns=\"urn:ietf:params:xml:ns:rlmi\" uri=\"sip:l@x\" version=\"0\" fullState=\"yes\"/>")]
    [InlineData("<list xmlns=\"urn:ietf:params:xml:ns:rlmi\" uri=\"sip:l@x\" version=\"0\" fullState=\"true\"><resource/></list>")]
    [InlineData("<list xmlns=\"urn:ietf:params:xml:ns:rlmi\" uri=\"sip:l@x\" version=\"0\" fullState=\"true\"><resource uri=\"sip:a@x\"><instance id=\"1\" state=\"gone\"/></resource></list>")]
    [InlineData("<list xmlns=\"urn:ietf:params:xml:ns:rlmi\" uri=\"sip:l@x\" version=\"0\" fullState=\"true\"><resource uri=\"sip:a@x\"><instance id=\"1\" state=\"active\"/><instance id=\"1\" state=\"active\"/></resource></list>")]
    [InlineData("<list xmlns=\"urn:ietf:params:xml:ns:rlmi\" uri=\"sip:l@x\" version=\"0\" fullState=\"true\"><resource uri=\"sip:a@x\"><instance id=\"1\" state=\"active\" cid=\" \"/></resource></list>")]
    [InlineData("<list xmlns=\"urn:ietf:params:xml:ns:rlmi\" uri=\"sip:l@x\" version=\"0\" fullState=\"true\"><bogus/></list>")]
    [InlineData("<!DOCTYPE list [<!ENTITY a \"aaaa\">]><list xmlns=\"urn:ietf:params:xml:ns:rlmi\" uri=\"&a;\" version=\"0\" fullState=\"true\"/>")]
    [InlineData("<list xmlns=\"urn:ietf:params:xml:ns:rlmi\"")]
    [InlineData("")]
    public void Bad_documents_are_refused_with_a_presence_document_error(string document)
    {
        var e = Assert.Throws<PresenceDocumentException>(() => RlmiReader.Read(Utf8(document)));
        Assert.StartsWith("RLMI:", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_apply()
    {
        var deep = "<list xmlns=\"urn:ietf:params:xml:ns:rlmi\" uri=\"sip:l@x\" version=\"0\" fullState=\"true\">"
            + string.Concat(Enumerable.Repeat("<name>", 40)) + string.Concat(Enumerable.Repeat("</name>", 40)) + "</list>";

        Assert.Equal("RLMI: nesting too deep", Assert.Throws<PresenceDocumentException>(() => RlmiReader.Read(Utf8(deep))).Reason);
    }

    [Fact]
    public void The_writer_refuses_what_the_reader_would()
    {
        Assert.Throws<ArgumentException>(() => RlmiWriter.Write(new RlmiList("", 0, true, [], [])));
        Assert.Throws<ArgumentException>(() => RlmiWriter.Write(new RlmiList("sip:l@x", 0, true, [], [
            new RlmiResource("sip:a@x", [], [new RlmiInstance("1", RlmiInstanceState.Active), new RlmiInstance("1", RlmiInstanceState.Pending)])])));
        Assert.Throws<ArgumentException>(() => RlmiWriter.Write(new RlmiList("sip:l@x", 0, true, [new RlmiName("\u0001")], [])));
    }
}
