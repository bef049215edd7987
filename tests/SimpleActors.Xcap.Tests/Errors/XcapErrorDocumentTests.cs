using System.Text;
using System.Xml.Linq;
using SimpleActors.Xcap.Errors;

namespace SimpleActors.Xcap.Tests.Errors;

public sealed class XcapErrorDocumentTests
{
    private static readonly XNamespace Ns = "urn:ietf:params:xml:ns:xcap-error";

    [Theory]
    [InlineData(XcapErrorKind.NotWellFormed, "not-well-formed")]
    [InlineData(XcapErrorKind.NotXmlFrag, "not-xml-frag")]
    [InlineData(XcapErrorKind.NoParent, "no-parent")]
    [InlineData(XcapErrorKind.SchemaValidationError, "schema-validation-error")]
    [InlineData(XcapErrorKind.NotXmlAttValue, "not-xml-att-value")]
    [InlineData(XcapErrorKind.CannotInsert, "cannot-insert")]
    [InlineData(XcapErrorKind.CannotDelete, "cannot-delete")]
    [InlineData(XcapErrorKind.UniquenessFailure, "uniqueness-failure")]
    [InlineData(XcapErrorKind.ConstraintFailure, "constraint-failure")]
    [InlineData(XcapErrorKind.NotUtf8, "not-utf-8")]
    public void The_body_has_exactly_one_child_named_after_the_conflict_with_its_phrase(XcapErrorKind kind, string element)
    {
        var body = XDocument.Parse(Encoding.UTF8.GetString(XcapErrorDocument.Write(new XcapError(kind, "why"))));

        Assert.Equal(Ns + "xcap-error", body.Root!.Name);
        var child = Assert.Single(body.Root.Elements());
        Assert.Equal(Ns + element, child.Name);
        Assert.Equal("why", child.Attribute("phrase")?.Value);
    }

    [Fact]
    public void No_parent_carries_its_ancestor()
    {
        var text = Encoding.UTF8.GetString(XcapErrorDocument.Write(new XcapError(XcapErrorKind.NoParent) { Ancestor = "http://x/root/a?b&c" }));

        Assert.EndsWith("<xcap-error xmlns=\"urn:ietf:params:xml:ns:xcap-error\"><no-parent><ancestor>http://x/root/a?b&amp;c</ancestor></no-parent></xcap-error>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_phrase_with_characters_xml_cannot_carry_is_still_written()
    {
        var body = XcapErrorDocument.Write(new XcapError(XcapErrorKind.NotWellFormed, "bad \u0001 char"));

        Assert.Equal("bad  char", XDocument.Parse(Encoding.UTF8.GetString(body)).Root!.Elements().Single().Attribute("phrase")!.Value);
    }
}
