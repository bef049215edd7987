using SimpleActors.Xcap.Errors;

namespace SimpleActors.Xcap.Tests.Operations;

/// <summary>
/// RFC 4825 section 8.2.3: the document with el1/el2 and a comment, and the element PUTs that create, replace or are
/// refused with cannot-insert. The document and URIs follow the RFC's example (as OpenXCAP's test_element_put.py also
/// encodes them); where the new element goes in the text (right after its preceding sibling, or right before the parent's
/// end tag, no white space added) is our choice, the RFC fixing only its place among the elements.
/// </summary>
public sealed class ElementPutExamplesTests
{
    // RFC 4825 section 8.2.3, the example document.
    private const string Start = """
        <?xml version="1.0" encoding="UTF-8"?>
        <root xmlns="urn:test:default-namespace">
          <el1 att="first"/>
          <el1 att="second"/>
          <!-- comment -->
          <el2 att="first"/>
        </root>
        """;

    public static TheoryData<string, string, string> Creations => new()
    {
        // Without position: after the last el1.
        { "root/el1[@att=\"third\"]", "<el1 att=\"third\"/>", Start.Replace("<el1 att=\"second\"/>", "<el1 att=\"second\"/><el1 att=\"third\"/>", StringComparison.Ordinal) },
        // The third el1; the third element.
        { "root/el1[3][@att=\"third\"]", "<el1 att=\"third\"/>", Start.Replace("<el1 att=\"second\"/>", "<el1 att=\"second\"/><el1 att=\"third\"/>", StringComparison.Ordinal) },
        { "root/*[3][@att=\"third\"]", "<el1 att=\"third\"/>", Start.Replace("<el1 att=\"second\"/>", "<el1 att=\"second\"/><el1 att=\"third\"/>", StringComparison.Ordinal) },
        // No sibling of that name: the last child.
        { "root/el3", "<el3 att=\"first\"/>", Start.Replace("</root>", "<el3 att=\"first\"/></root>", StringComparison.Ordinal) },
        { "root/el2[@att=\"2\"]", "<el2 att=\"2\"/>", Start.Replace("<el2 att=\"first\"/>", "<el2 att=\"first\"/><el2 att=\"2\"/>", StringComparison.Ordinal) },
        { "root/el2[2][@att=\"2\"]", "<el2 att=\"2\"/>", Start.Replace("<el2 att=\"first\"/>", "<el2 att=\"first\"/><el2 att=\"2\"/>", StringComparison.Ordinal) },
        // The second element child: after the first.
        { "root/*[2][@att=\"2\"]", "<el2 att=\"2\"/>", Start.Replace("<el1 att=\"first\"/>", "<el1 att=\"first\"/><el2 att=\"2\"/>", StringComparison.Ordinal) },
        // The first el2: before the existing one.
        { "root/el2[1][@att=\"2\"]", "<el2 att=\"2\"/>", Start.Replace("<el2 att=\"first\"/>", "<el2 att=\"2\"/><el2 att=\"first\"/>", StringComparison.Ordinal) },
        // '*' with an attribute test: the body's name decides.
        { "root/*[@att=\"2\"]", "<el1 att=\"2\"/>", Start.Replace("<el1 att=\"second\"/>", "<el1 att=\"second\"/><el1 att=\"2\"/>", StringComparison.Ordinal) },
        { "root/*[@att=\"2\"]", "<el3 att=\"2\"/>", Start.Replace("</root>", "<el3 att=\"2\"/></root>", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(Creations))]
    public void A_put_of_a_new_element_inserts_it_where_section_8_2_3_says_and_answers_201(string selector, string body, string expected)
    {
        var server = new XcapServer(TestUsage.Test, Start);

        var response = server.PutElement(selector, body);

        Assert.Equal(201, response.StatusCode);
        Assert.Equal("e2", response.ETag);
        Assert.Equal(expected, server.Text);
        Assert.Equal(body, server.Get(selector).BodyText());
    }

    [Theory]
    [MemberData(nameof(Creations))]
    public void A_delete_of_the_same_uri_gives_back_the_document_byte_for_byte(string selector, string body, string expected)
    {
        var server = new XcapServer(TestUsage.Test, Start);
        server.PutElement(selector, body);
        Assert.Equal(expected, server.Text);

        var response = server.Delete(selector);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(Start, server.Text);
    }

    [Theory]
    // GET(PUT(x)) would not be x: the body does not pass the attribute test.
    [InlineData("root/el1[@att=\"third\"]", "<el1 att=\"fourth\"/>")]
    [InlineData("root/el1[3][@att=\"third\"]", "<el1 att=\"fourth\"/>")]
    [InlineData("root/*[3][@att=\"third\"]", "<el1 att=\"fourth\"/>")]
    // Out of range (OpenXCAP asks "409 or 404?"; cannot-insert, as the checklist decides).
    [InlineData("root/el1[4][@att=\"third\"]", "<el1 att=\"third\"/>")]
    [InlineData("root/*[0][@att=\"third\"]", "<el1 att=\"third\"/>")]
    // The body's name is not the step's.
    [InlineData("root/el1[@att=\"third\"]", "<el2 att=\"third\"/>")]
    // Replacing el1[1] by an element that the predicate no longer selects.
    [InlineData("root/el1[1][@att=\"first\"]", "<el1 att=\"third\"/>")]
    [InlineData("root/*[1][@att=\"first\"]", "<el1 att=\"third\"/>")]
    // The selector matches two elements.
    [InlineData("root/el1", "<el1 att=\"x\"/>")]
    // A second root element.
    [InlineData("other", "<other/>")]
    public void A_put_that_a_get_of_the_same_uri_would_not_return_is_cannot_insert_and_changes_nothing(string selector, string body)
    {
        var server = new XcapServer(TestUsage.Test, Start);

        var response = server.PutElement(selector, body);

        Assert.Equal(409, response.StatusCode);
        Assert.Equal(XcapErrorKind.CannotInsert, response.Error?.Kind);
        Assert.Equal(XcapErrorDocument.MediaType, response.ContentType);
        Assert.Contains("<cannot-insert", response.BodyText(), StringComparison.Ordinal);
        Assert.Equal(Start, server.Text);
        Assert.Equal("e1", server.Current!.ETag);
    }

    [Theory]
    [InlineData("root/el1[1]")]
    [InlineData("root/*[1]")]
    public void A_put_on_an_existing_element_replaces_it_in_place_and_answers_200(string selector)
    {
        var server = new XcapServer(TestUsage.Test, Start);

        var response = server.PutElement(selector, "<el1 att=\"third\"/>");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(Start.Replace("<el1 att=\"first\"/>", "<el1 att=\"third\"/>", StringComparison.Ordinal), server.Text);
    }

    [Fact]
    public void An_insert_into_an_empty_element_written_as_a_self_closing_tag_opens_it()
    {
        var server = new XcapServer(TestUsage.Test, "<root xmlns=\"urn:test:default-namespace\"><a x='1' /></root>");

        var response = server.PutElement("root/a/b", "<b/>");

        Assert.Equal(201, response.StatusCode);
        Assert.Equal("<root xmlns=\"urn:test:default-namespace\"><a x='1' ><b/></a></root>", server.Text);
    }
}
