using System.Text;
using SimpleActors.Msrp.IsComposing;
using SimpleActors.Msrp.Tests.Vectors;

namespace SimpleActors.Msrp.Tests.IsComposing;

public class IsComposingReaderTests
{
    private const string Open = "<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\">";

    private static string Rejection(string xml) =>
        Assert.Throws<IsComposingFormatException>(() => IsComposingReader.Read(Encoding.UTF8.GetBytes(xml))).Reason;

    [Fact]
    public void The_RFC_3994_idle_example_reads()
    {
        var document = IsComposingReader.Read(BodyVector.Load("iscomposing", "rfc3994-idle.xml"));

        Assert.Equal(
            new IsComposingDocument(ComposingState.Idle) { LastActive = new DateTimeOffset(2003, 1, 27, 10, 43, 0, TimeSpan.Zero), ContentType = "audio" },
            document);
    }

    [Fact]
    public void The_RFC_3994_active_example_reads()
    {
        var document = IsComposingReader.Read(BodyVector.Load("iscomposing", "rfc3994-active.xml"));

        Assert.Equal(new IsComposingDocument(ComposingState.Active) { ContentType = "text/plain", Refresh = 90 }, document);
    }

    [Fact]
    public void Elements_of_other_namespaces_are_skipped()
    {
        var document = IsComposingReader.Read(Encoding.UTF8.GetBytes(Open + "<state> active </state><x:ext xmlns:x=\"urn:example\"><x:y/></x:ext></isComposing>"));

        Assert.Equal(ComposingState.Active, document.State);
    }

    [Theory]
    [InlineData("", "isComposing: empty document")]
    [InlineData("<isComposing/>", "isComposing: the root is not <isComposing> in urn:ietf:params:xml:ns:im-iscomposing")]
    [InlineData(Open + "</isComposing>", "isComposing: no <state>")]
    [InlineData(Open + "<state>typing</state></isComposing>", "isComposing: <state> is neither active nor idle")]
    [InlineData(Open + "<state>idle</state><state>idle</state></isComposing>", "isComposing: more than one <state>")]
    [InlineData(Open + "<state>active</state><refresh>0</refresh></isComposing>", "isComposing: <refresh> not a positive number of seconds")]
    [InlineData(Open + "<state>active</state><refresh>-5</refresh></isComposing>", "isComposing: <refresh> not a positive number of seconds")]
    [InlineData(Open + "<state>active</state><refresh>99999999999</refresh></isComposing>", "isComposing: <refresh> not a positive number of seconds")]
    [InlineData(Open + "<state>idle</state><lastactive>now</lastactive></isComposing>", "isComposing: <lastactive> not an RFC 3339 date-time")]
    [InlineData(Open + "<state>idle</state><mood/></isComposing>", "isComposing: unknown element <mood>")]
    [InlineData(Open + "<state><b>idle</b></state></isComposing>", "isComposing: elements inside <state>")]
    [InlineData(Open + "text<state>idle</state></isComposing>", "isComposing: text beside the elements")]
    [InlineData(Open + "<state>idle</state>", "isComposing: not well-formed XML")]
    [InlineData("<!DOCTYPE x [<!ENTITY a \"aaaa\">]>" + Open + "<state>idle</state></isComposing>", "isComposing: DTD not allowed")]
    public void Malformed_documents_are_refused_with_a_reason(string xml, string reason) => Assert.Equal(reason, Rejection(xml));

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var xml = Open + "<state>idle</state>" + string.Concat(Enumerable.Repeat("<x:a xmlns:x=\"urn:x\">", 40)) + string.Concat(Enumerable.Repeat("</x:a>", 40)) + "</isComposing>";

        Assert.Equal("isComposing: nesting too deep", Rejection(xml));
    }
}
