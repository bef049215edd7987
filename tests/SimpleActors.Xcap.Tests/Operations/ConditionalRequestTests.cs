namespace SimpleActors.Xcap.Tests.Operations;

/// <summary>If-Match and If-None-Match against the document's ETag (RFC 4825 section 7.11, RFC 9110 section 13).</summary>
public sealed class ConditionalRequestTests
{
    private const string Doc = "<root xmlns=\"urn:test:default-namespace\"><a x=\"1\"/></root>";

    private static XcapServer Server() => new(TestUsage.Test, Doc);

    [Theory]
    [InlineData("\"e1\"")]
    [InlineData("e1")]
    [InlineData("\"e0\", \"e1\"")]
    [InlineData("*")]
    public void A_put_whose_if_match_names_the_current_etag_quoted_or_not_succeeds(string ifMatch)
    {
        var server = Server();

        var response = server.Send("PUT", "root/a/@x", XcapMediaTypes.Attribute, "2", ifMatch: ifMatch);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("e2", response.ETag);
        Assert.Equal("\"e2\"", response.ETagHeader);
    }

    [Theory]
    [InlineData("\"e0\"")]
    [InlineData("W/\"e1\"")]
    public void A_put_whose_if_match_is_stale_or_weak_is_412_and_changes_nothing(string ifMatch)
    {
        var server = Server();

        var response = server.Send("PUT", "root/a/@x", XcapMediaTypes.Attribute, "2", ifMatch: ifMatch);

        Assert.Equal(412, response.StatusCode);
        Assert.Equal(Doc, server.Text);
        Assert.Equal("e1", server.Current!.ETag);
    }

    [Fact]
    public void A_put_with_if_match_on_a_missing_document_is_412()
    {
        var server = new XcapServer(TestUsage.Test);

        Assert.Equal(412, server.Send("PUT", null, "application/test+xml", Doc, ifMatch: "*").StatusCode);
        Assert.Null(server.Current);
    }

    [Fact]
    public void A_create_only_put_with_if_none_match_star_is_412_when_the_document_exists()
    {
        var server = Server();

        Assert.Equal(412, server.Send("PUT", null, "application/test+xml", Doc.Replace("1", "2", StringComparison.Ordinal), ifNoneMatch: "*").StatusCode);
        Assert.Equal(Doc, server.Text);
    }

    [Fact]
    public void A_create_only_put_with_if_none_match_star_succeeds_when_the_document_is_missing()
    {
        var server = new XcapServer(TestUsage.Test);

        var response = server.Send("PUT", null, "application/test+xml", Doc, ifNoneMatch: "*");

        Assert.Equal(201, response.StatusCode);
        Assert.Equal("e1", response.ETag);
    }

    [Fact]
    public void If_none_match_star_on_an_element_asks_whether_the_element_exists()
    {
        var server = Server();

        Assert.Equal(412, server.Send("PUT", "root/a", XcapMediaTypes.Element, "<a/>", ifNoneMatch: "*").StatusCode);
        Assert.Equal(201, server.Send("PUT", "root/b", XcapMediaTypes.Element, "<b/>", ifNoneMatch: "*").StatusCode);
    }

    [Theory]
    [InlineData("\"e1\"")]
    [InlineData("e1")]
    [InlineData("W/\"e1\"")]
    [InlineData("*")]
    public void A_get_whose_if_none_match_names_the_current_etag_is_304_with_the_etag(string ifNoneMatch)
    {
        var server = Server();

        var response = server.Send("GET", "root/a", ifNoneMatch: ifNoneMatch);

        Assert.Equal(304, response.StatusCode);
        Assert.Equal("e1", response.ETag);
        Assert.True(response.Body.IsEmpty);
    }

    [Fact]
    public void A_get_whose_if_none_match_is_stale_is_200()
    {
        Assert.Equal(200, Server().Send("GET", ifNoneMatch: "\"e0\"").StatusCode);
    }

    [Fact]
    public void A_delete_whose_if_none_match_names_the_current_etag_is_412()
    {
        var server = Server();

        Assert.Equal(412, server.Send("DELETE", ifNoneMatch: "e1").StatusCode);
        Assert.NotNull(server.Current);
    }

    [Fact]
    public void A_delete_whose_if_match_is_stale_is_412()
    {
        var server = Server();

        Assert.Equal(412, server.Send("DELETE", "root/a", ifMatch: "\"e7\"").StatusCode);
        Assert.Equal(Doc, server.Text);
    }
}
