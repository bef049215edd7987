using SimpleActors.Xcap.Operations;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Xcap.Tests.Operations;

public sealed class XcapOperationTests
{
    // Prefixes, single quotes, a comment, CRLF and a character reference: all must survive edits elsewhere.
    private const string Doc = "<?xml version='1.0' encoding='UTF-8'?>\r\n<!-- top -->\r\n<r:root xmlns:r=\"urn:test:default-namespace\" xmlns:e='urn:ext'>\r\n  <r:a  x = 'v&amp;w' e:y=\"1\">text &#65; <![CDATA[<raw>]]></r:a>\r\n  <r:b/>\r\n</r:root>\r\n";

    private static XcapServer Server() => new(TestUsage.Test, Doc);

    [Fact]
    public void A_get_of_the_document_returns_its_bytes_its_media_type_and_etag()
    {
        var response = Server().Get();

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/test+xml", response.ContentType);
        Assert.Equal("e1", response.ETag);
        Assert.Equal(Doc, response.BodyText());
    }

    [Fact]
    public void A_get_of_an_element_returns_it_exactly_as_stored_without_inherited_declarations()
    {
        var response = Server().Get("root/a");

        Assert.Equal(XcapMediaTypes.Element, response.ContentType);
        Assert.Equal("<r:a  x = 'v&amp;w' e:y=\"1\">text &#65; <![CDATA[<raw>]]></r:a>", response.BodyText());
        Assert.Equal("e1", response.ETag);
    }

    [Fact]
    public void A_get_of_an_attribute_returns_its_escaped_value_without_quotes()
    {
        var server = Server();

        var plain = server.Get("root/a/@x");
        var prefixed = server.Get("root/a/@p:y", "xmlns(p=urn:ext)");

        Assert.Equal(XcapMediaTypes.Attribute, plain.ContentType);
        Assert.Equal("v&amp;w", plain.BodyText());
        Assert.Equal("1", prefixed.BodyText());
    }

    [Fact]
    public void A_get_of_namespace_bindings_lists_every_namespace_in_scope()
    {
        var response = Server().Get("root/a/namespace::*");

        Assert.Equal(XcapMediaTypes.Namespaces, response.ContentType);
        Assert.Equal("<r:a xmlns:r=\"urn:test:default-namespace\" xmlns:e=\"urn:ext\"/>", response.BodyText());
    }

    [Theory]
    [InlineData("root/c")]
    [InlineData("root/*")]
    [InlineData("root/a/@z")]
    [InlineData("root/c/namespace::*")]
    public void A_get_of_no_node_or_of_several_is_404(string selector)
    {
        Assert.Equal(404, Server().Get(selector).StatusCode);
    }

    [Fact]
    public void A_get_or_delete_of_a_missing_document_is_404()
    {
        var server = new XcapServer(TestUsage.Test);

        Assert.Equal(404, server.Get().StatusCode);
        Assert.Equal(404, server.Delete().StatusCode);
        Assert.Equal(404, server.Get("root").StatusCode);
    }

    [Fact]
    public void Editing_one_node_keeps_every_other_byte()
    {
        var server = Server();

        Assert.Equal(201, server.PutElement("root/c", "<c xmlns=\"urn:test:default-namespace\"/>").StatusCode);
        Assert.Equal(201, server.PutAttribute("root/b/@z", "q").StatusCode);
        Assert.Equal(200, server.Delete("root/c").StatusCode);
        Assert.Equal(200, server.Delete("root/b/@z").StatusCode);

        Assert.Equal(Doc, server.Text);
        Assert.Equal("e5", server.Current!.ETag);
    }

    [Fact]
    public void A_new_element_is_read_with_the_namespaces_in_scope_at_its_parent()
    {
        var server = Server();

        var response = server.PutElement("root/a[2]", "<r:a/>");

        Assert.Equal(201, response.StatusCode);
        Assert.Contains("</r:a><r:a/>", server.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_attribute_in_a_namespace_takes_the_prefix_the_document_uses()
    {
        var server = Server();

        Assert.Equal(201, server.PutAttribute("root/b/@p:z", "1", "xmlns(p=urn:ext)").StatusCode);
        Assert.Contains("<r:b e:z=\"1\"/>", server.Text, StringComparison.Ordinal);
        Assert.Equal("1", server.Get("root/b/@q:z", "xmlns(q=urn:ext)").BodyText());
    }

    [Fact]
    public void A_new_attribute_in_an_undeclared_namespace_declares_it()
    {
        var server = Server();

        Assert.Equal(201, server.PutAttribute("root/b/@p:z", "1", "xmlns(p=urn:other)").StatusCode);
        Assert.Contains("<r:b xmlns:p=\"urn:other\" p:z=\"1\"/>", server.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_attribute_value_holding_the_old_quote_is_written_with_the_other()
    {
        var server = Server();

        Assert.Equal(200, server.PutAttribute("root/a/@x", "it's").StatusCode);
        Assert.Contains("x = \"it's\"", server.Text, StringComparison.Ordinal);
        Assert.Equal("it's", server.Get("root/a/@x").BodyText());
    }

    [Fact]
    public void A_put_that_leaves_the_bytes_as_they_were_keeps_the_etag_and_changes_nothing()
    {
        var server = Server();

        var same = server.PutAttribute("root/a/@x", "v&amp;w");
        var again = server.PutDocument(Doc);

        Assert.Equal(200, same.StatusCode);
        Assert.Equal("e1", same.ETag);
        Assert.Equal(XcapChangeKind.None, same.Change.Kind);
        Assert.Equal(200, again.StatusCode);
        Assert.Equal(XcapChangeKind.None, again.Change.Kind);
        Assert.Equal("e1", server.Current!.ETag);
    }

    [Fact]
    public void A_document_put_stores_the_body_bytes_as_sent_and_answers_201_then_200()
    {
        var server = new XcapServer(TestUsage.Test);

        var created = server.PutDocument(Doc);
        var replaced = server.PutDocument(Doc.Replace("<r:b/>", "<r:b></r:b>", StringComparison.Ordinal));

        Assert.Equal(201, created.StatusCode);
        Assert.Equal("e1", created.ETag);
        Assert.Equal(200, replaced.StatusCode);
        Assert.Equal("e2", replaced.ETag);
        Assert.Contains("<r:b></r:b>", server.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delete_of_the_document_deletes_it()
    {
        var server = Server();

        var response = server.Delete();

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(XcapChangeKind.Deleted, response.Change.Kind);
        Assert.Null(server.Current);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    [InlineData("get")]
    public void Another_method_is_405_with_allow(string method)
    {
        var response = Server().Send(method);

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("GET, HEAD, PUT, DELETE", response.Allow);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public void A_write_to_a_server_written_usage_is_405_allowing_get(string method)
    {
        var usage = new TestUsage("xcap-caps", "application/xcap-caps+xml", "urn:ietf:params:xml:ns:xcap-caps", serverWritten: true, globalTree: GlobalAccess.ReadByAll);
        var request = new XcapRequest(method, XcapUri.Parse("/xcap-root/xcap-caps/global/index", null, "/xcap-root")) { ContentType = usage.MimeType, Body = "<x/>"u8.ToArray() };

        var response = XcapOperation.Execute(request, null, usage, "e1");

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("GET, HEAD", response.Allow);
        Assert.Equal(XcapChangeKind.None, response.Change.Kind);
    }

    [Fact]
    public void A_global_document_of_a_usage_without_a_global_tree_is_404()
    {
        var request = new XcapRequest("GET", XcapUri.Parse("/xcap-root/test/global/index", null, "/xcap-root"));

        Assert.Equal(404, XcapOperation.Execute(request, null, TestUsage.Test, "e1").StatusCode);
    }

    [Fact]
    public void A_write_to_namespace_bindings_is_405()
    {
        Assert.Equal(405, Server().Send("DELETE", "root/a/namespace::*").StatusCode);
    }

    [Fact]
    public void Head_answers_as_get_without_the_body()
    {
        var response = Server().Send("HEAD", "root/a");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(XcapMediaTypes.Element, response.ContentType);
        Assert.True(response.Body.IsEmpty);
    }

    [Fact]
    public void A_selector_that_repeats_the_auid_as_imsdroid_does_is_404()
    {
        var server = new XcapServer(
            new TestUsage("org.openmobilealliance.pres-rules", "application/auth-policy+xml", "urn:ietf:params:xml:ns:common-policy"),
            "<ruleset xmlns=\"urn:ietf:params:xml:ns:common-policy\"><rule id=\"a\"/></ruleset>");

        Assert.Equal(404, server.Get("org.openmobilealliance.pres-rules/ruleset/rule").StatusCode);
        Assert.Equal(404, server.PutElement("org.openmobilealliance.pres-rules/ruleset/rule[@id=\"b\"]", "<rule id=\"b\"/>").StatusCode);
        Assert.Equal(200, server.Get("ruleset/rule").StatusCode);
    }

    [Fact]
    public void A_byte_order_mark_is_kept_through_an_edit()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("<root xmlns=\"urn:test:default-namespace\"/>"u8.ToArray()).ToArray();
        var request = new XcapRequest("PUT", XcapUri.Parse("/r/test/users/u/index/~~/root/a", null, "/r")) { ContentType = XcapMediaTypes.Element, Body = "<a/>"u8.ToArray() };

        var response = XcapOperation.Execute(request, new XcapStoredDocument(bytes, "e1"), TestUsage.Test, "e2");

        Assert.Equal(201, response.StatusCode);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }.Concat("<root xmlns=\"urn:test:default-namespace\"><a/></root>"u8.ToArray()), response.Change.Content.ToArray());
    }
}
