using System.Text;
using SimpleActors.Xcap.Errors;

namespace SimpleActors.Xcap.Tests.Operations;

/// <summary>Each 409 of RFC 4825 section 11 (and the 415 before them); none changes the document or its ETag.</summary>
public sealed class ConflictTests
{
    private const string Lists = """
        <?xml version="1.0" encoding="UTF-8"?>
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
          <list name="friends">
            <entry uri="sip:bill@example.com"/>
          </list>
        </resource-lists>
        """;

    private static XcapServer Server(Func<System.Xml.Linq.XDocument, XcapError?>? validate = null) => new(TestUsage.ResourceLists(validate), Lists);

    private static void AssertConflict(XcapServer server, Operations.XcapResponseShape response, XcapErrorKind kind)
    {
        Assert.Equal(409, response.Status);
        Assert.Equal(kind, response.Kind);
        Assert.Equal(Lists, server.Text);
        Assert.Equal("e1", server.Current!.ETag);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("text/xml", null)]
    [InlineData("application/xcap-el+xml", null)]
    [InlineData("application/xcap-att+xml", "resource-lists/list")]
    [InlineData("application/resource-lists+xml", "resource-lists/list")]
    [InlineData("application/xcap-el+xml", "resource-lists/list/@name")]
    public void A_put_with_the_wrong_media_type_is_415(string? contentType, string? selector)
    {
        var server = Server();

        var response = server.Send("PUT", selector, contentType, "<list name=\"x\"/>");

        Assert.Equal(415, response.StatusCode);
        Assert.Equal("e1", server.Current!.ETag);
    }

    [Fact]
    public void A_media_type_with_parameters_and_other_case_is_accepted()
    {
        var server = Server();

        Assert.Equal(200, server.Send("PUT", "resource-lists/list/@name", "Application/XCAP-ATT+XML; charset=utf-8", "buddies").StatusCode);
    }

    [Fact]
    public void A_document_that_is_not_well_formed_is_not_well_formed()
    {
        var server = Server();
        AssertConflict(server, new(server.PutDocument("<resource-lists><list></resource-lists>")), XcapErrorKind.NotWellFormed);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00, 0x2F, 0x00, 0x3E, 0x00 })]
    [InlineData(new byte[] { 0x3C, 0x61, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x61, 0x3E })]
    public void A_document_that_is_not_utf_8_is_not_utf_8(byte[] body)
    {
        var server = Server();
        AssertConflict(server, new(server.SendBytes("PUT", null, "application/resource-lists+xml", body)), XcapErrorKind.NotUtf8);
    }

    [Fact]
    public void A_document_declaring_another_encoding_is_not_utf_8()
    {
        var server = Server();
        var body = Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"/>");

        AssertConflict(server, new(server.SendBytes("PUT", null, "application/resource-lists+xml", body)), XcapErrorKind.NotUtf8);
    }

    [Fact]
    public void An_element_body_that_is_not_utf_8_is_not_utf_8()
    {
        var server = Server();
        AssertConflict(server, new(server.SendBytes("PUT", "resource-lists/list/entry[2]", "application/xcap-el+xml", [0x3C, 0x65, 0xC3, 0x28, 0x2F, 0x3E])), XcapErrorKind.NotUtf8);
    }

    [Theory]
    [InlineData("<entry uri=\"a\"/><entry uri=\"b\"/>")]
    [InlineData("just text")]
    [InlineData("<?xml version=\"1.0\"?><entry uri=\"a\"/>")]
    [InlineData("<!-- c --><entry uri=\"a\"/>")]
    [InlineData("<entry uri=\"a\">")]
    [InlineData("<p:entry uri=\"a\"/>")]
    [InlineData("")]
    public void An_element_body_that_is_not_one_element_is_not_xml_frag(string body)
    {
        var server = Server();
        AssertConflict(server, new(server.PutElement("resource-lists/list/entry[2]", body)), XcapErrorKind.NotXmlFrag);
    }

    [Theory]
    [InlineData("a<b")]
    [InlineData("a&b")]
    [InlineData("a&bogus;")]
    [InlineData("both \" and '")]
    public void An_attribute_body_that_is_not_an_att_value_is_not_xml_att_value(string value)
    {
        var server = Server();
        AssertConflict(server, new(server.PutAttribute("resource-lists/list/@name", value)), XcapErrorKind.NotXmlAttValue);
    }

    [Fact]
    public void An_element_put_under_a_missing_parent_is_no_parent_with_the_closest_existing_ancestor()
    {
        var server = Server();

        var response = server.PutElement("resource-lists/list[@name=\"friends\"]/list[@name=\"x\"]/entry", "<entry uri=\"a\"/>");

        AssertConflict(server, new(response), XcapErrorKind.NoParent);
        Assert.Equal(
            "http://xcap.example.com/xcap-root/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5B@name=%22friends%22%5D",
            response.Error!.Ancestor);
        Assert.Contains("<ancestor>http://xcap.example.com/xcap-root/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5B@name=%22friends%22%5D</ancestor>", response.BodyText(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_element_put_into_a_missing_document_is_no_parent_with_the_xcap_root()
    {
        var server = new XcapServer(TestUsage.ResourceLists());

        var response = server.PutElement("resource-lists/list", "<list/>");

        Assert.Equal(409, response.StatusCode);
        Assert.Equal(XcapErrorKind.NoParent, response.Error?.Kind);
        Assert.Equal(XcapServer.RootUrl, response.Error?.Ancestor);
        Assert.Null(server.Current);
    }

    [Fact]
    public void An_attribute_put_on_a_missing_element_is_no_parent()
    {
        var server = Server();
        AssertConflict(server, new(server.PutAttribute("resource-lists/list[@name=\"x\"]/@name", "y")), XcapErrorKind.NoParent);
    }

    [Fact]
    public void A_delete_that_a_positional_selector_would_still_find_is_cannot_delete()
    {
        var server = new XcapServer(TestUsage.Test, "<root xmlns=\"urn:test:default-namespace\"><a/><a/></root>");

        var response = server.Delete("root/a[1]");

        Assert.Equal(409, response.StatusCode);
        Assert.Equal(XcapErrorKind.CannotDelete, response.Error?.Kind);
        Assert.Equal("<root xmlns=\"urn:test:default-namespace\"><a/><a/></root>", server.Text);
    }

    [Fact]
    public void Deleting_the_root_element_is_cannot_delete()
    {
        var server = Server();
        AssertConflict(server, new(server.Delete("resource-lists")), XcapErrorKind.CannotDelete);
    }

    [Fact]
    public void A_change_the_usage_finds_invalid_is_its_conflict_and_is_not_applied()
    {
        var server = Server(d => d.Descendants().Count() > 3
            ? new XcapError(XcapErrorKind.SchemaValidationError, "too many entries")
            : null);

        AssertConflict(server, new(server.PutElement("resource-lists/list/entry[2]", "<entry uri=\"sip:b@example.com\"/>")), XcapErrorKind.SchemaValidationError);
    }

    [Fact]
    public void A_uniqueness_failure_carries_the_field_and_alternatives_in_its_body()
    {
        var server = Server(d => d.Descendants().Count() > 3
            ? new XcapError(XcapErrorKind.UniquenessFailure) { Fields = [new UniquenessField("resource-lists/list/entry/@uri", ["sip:bill2@example.com"])] }
            : null);

        var response = server.PutElement("resource-lists/list/entry[2]", "<entry uri=\"sip:bill@example.com\"/>");

        AssertConflict(server, new(response), XcapErrorKind.UniquenessFailure);
        Assert.Contains("<exists field=\"resource-lists/list/entry/@uri\"><alt-value>sip:bill2@example.com</alt-value></exists>", response.BodyText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_delete_the_usage_finds_invalid_is_its_conflict()
    {
        var server = Server(d => d.Descendants().Count() < 3 ? new XcapError(XcapErrorKind.ConstraintFailure, "a list needs an entry") : null);
        AssertConflict(server, new(server.Delete("resource-lists/list/entry")), XcapErrorKind.ConstraintFailure);
    }
}
