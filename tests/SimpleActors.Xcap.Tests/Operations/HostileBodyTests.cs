using System.Diagnostics;
using System.Text;
using SimpleActors.Xcap.Errors;

namespace SimpleActors.Xcap.Tests.Operations;

/// <summary>
/// Attack bodies on a document PUT end in a 4xx and change nothing: 413 for what exceeds the limits (size, depth, element
/// count, attributes), 409 not-well-formed for anything with a DTD (entity expansion and external entities never happen),
/// 409 constraint-failure for XInclude.
/// </summary>
public sealed class HostileBodyTests
{
    private const string ListsType = "application/resource-lists+xml";

    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="&lol9;"/></resource-lists>
        """;

    private const string ExternalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="&xxe;"/></resource-lists>
        """;

    private const string XInclude = """
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists" xmlns:xi="http://www.w3.org/2001/XInclude">
          <xi:include href="file:///etc/passwd" parse="text"/>
        </resource-lists>
        """;

    [Theory]
    [InlineData(BillionLaughs)]
    [InlineData(ExternalEntity)]
    public void A_body_with_a_dtd_is_not_well_formed_and_no_entity_is_expanded(string body)
    {
        var server = new XcapServer(TestUsage.ResourceLists());

        var response = server.PutDocument(body);

        Assert.Equal(409, response.StatusCode);
        Assert.Equal(XcapErrorKind.NotWellFormed, response.Error?.Kind);
        Assert.Equal("DTDs are not allowed", response.Error?.Phrase);
        Assert.Null(server.Current);
    }

    [Fact]
    public void An_xinclude_element_is_refused_as_a_constraint_failure()
    {
        var server = new XcapServer(TestUsage.ResourceLists());

        var response = server.PutDocument(XInclude);

        Assert.Equal(409, response.StatusCode);
        Assert.Equal(XcapErrorKind.ConstraintFailure, response.Error?.Kind);
        Assert.Null(server.Current);
    }

    [Fact]
    public void A_body_nested_20000_deep_is_413_before_any_tree_is_built()
    {
        var server = new XcapServer(TestUsage.ResourceLists());
        var body = new StringBuilder().Insert(0, "<a>", 20_000).Insert(60_000, "</a>", 20_000).ToString();
        var clock = Stopwatch.StartNew();

        var response = server.PutDocument(body);

        Assert.Equal(413, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Null(server.Current);
    }

    [Fact]
    public void A_body_of_two_megabytes_is_413()
    {
        var server = new XcapServer(TestUsage.ResourceLists());
        var body = "<a>" + new string('x', 2 * 1024 * 1024) + "</a>";

        Assert.Equal(413, server.PutDocument(body).StatusCode);
    }

    [Fact]
    public void A_body_of_more_than_20000_elements_is_413()
    {
        var server = new XcapServer(TestUsage.ResourceLists());
        var body = "<a>" + string.Concat(Enumerable.Repeat("<b/>", 20_001)) + "</a>";

        Assert.Equal(413, server.PutDocument(body).StatusCode);
    }

    [Fact]
    public void An_element_with_more_than_64_attributes_is_413()
    {
        var server = new XcapServer(TestUsage.ResourceLists());
        var body = "<a " + string.Join(' ', Enumerable.Range(0, 65).Select(i => $"a{i}=\"1\"")) + "/>";

        Assert.Equal(413, server.PutDocument(body).StatusCode);
    }

    [Fact]
    public void An_element_put_that_would_nest_the_document_too_deep_is_413()
    {
        var server = new XcapServer(TestUsage.Test, "<root xmlns=\"urn:test:default-namespace\"/>");
        var body = new StringBuilder().Insert(0, "<a>", 64).Insert(64 * 3, "</a>", 64).ToString();

        Assert.Equal(413, server.PutElement("root/a", body).StatusCode);
        Assert.Equal("e1", server.Current!.ETag);
    }

    [Fact]
    public void A_dtd_in_an_element_body_is_not_xml_frag()
    {
        var server = new XcapServer(TestUsage.Test, "<root xmlns=\"urn:test:default-namespace\"/>");

        var response = server.PutElement("root/a", "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>");

        Assert.Equal(XcapErrorKind.NotXmlFrag, response.Error?.Kind);
    }
}
