using SimpleActors.Xcap.NodeSelectors;

namespace SimpleActors.Xcap.Tests;

public sealed class XcapUriTests
{
    private const string Root = "/xcap-root";

    [Fact]
    public void A_document_uri_gives_auid_xui_and_path_decoded_segment_by_segment()
    {
        var uri = XcapUri.Parse("/xcap-root/resource-lists/users/sip:joe%40example.com/friends/index", null, Root);

        Assert.Equal(new XcapDocumentSelector("resource-lists", "sip:joe@example.com", "friends/index"), uri.DocumentSelector);
        Assert.Null(uri.NodeSelector);
    }

    [Fact]
    public void A_global_document_has_no_xui()
    {
        var uri = XcapUri.Parse("/xcap-root/xcap-caps/global/index", null, "/xcap-root/");

        Assert.True(uri.DocumentSelector.IsGlobal);
        Assert.Equal("index", uri.DocumentSelector.DocumentPath);
    }

    [Fact]
    public void The_root_may_be_the_top_of_the_path()
    {
        var uri = XcapUri.Parse("/resource-lists/users/sip:joe@example.com/index", null, "/");

        Assert.Equal("resource-lists", uri.DocumentSelector.Auid);
    }

    [Theory]
    [InlineData("/other/resource-lists/users/sip:joe@example.com/index")]
    [InlineData("/xcap-rootx/resource-lists/users/sip:joe@example.com/index")]
    [InlineData("/xcap-root")]
    [InlineData("/xcap-root/resource-lists/people/sip:joe@example.com/index")]
    [InlineData("/xcap-root/resource-lists/users/sip:joe@example.com")]
    [InlineData("/xcap-root/resource-lists/users/sip:joe@example.com/")]
    [InlineData("/xcap-root/resource-lists/users//index")]
    [InlineData("/xcap-root/resource-lists/global")]
    [InlineData("/xcap-root/resource-lists/users/sip:joe@example.com/../index")]
    [InlineData("/xcap-root/resource-lists/users/sip:joe@example.com/a%2Fb")]
    [InlineData("/xcap-root/~~/users/sip:joe@example.com/index")]
    public void A_path_outside_the_root_or_with_a_bad_document_selector_is_404(string path)
    {
        Assert.False(XcapUri.TryParse(path, null, Root, out _, out var error));
        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public void Percent_encoded_quotes_and_brackets_in_the_node_selector_are_decoded_after_the_split()
    {
        var uri = XcapUri.Parse(
            "/xcap-root/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5B@name=%22friends%22%5D/entry%5B@uri=%22sip:bill@example.com%22%5D",
            null,
            Root);

        var steps = uri.NodeSelector!.Steps;
        Assert.Equal(3, steps.Count);
        Assert.Equal("friends", steps[1].AttributeTest!.Value);
        Assert.Equal("sip:bill@example.com", steps[2].AttributeTest!.Value);
    }

    [Fact]
    public void A_slash_and_a_tilde_pair_inside_an_attribute_value_stay_in_the_value()
    {
        var uri = XcapUri.Parse("/xcap-root/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5B@name=%22a/~~/b%22%5D", null, Root);

        Assert.Equal("a/~~/b", uri.NodeSelector!.Steps[1].AttributeTest!.Value);
        Assert.Equal("index", uri.DocumentSelector.DocumentPath);
    }

    [Fact]
    public void A_percent_encoded_slash_in_the_xui_stays_in_the_xui()
    {
        var uri = XcapUri.Parse("/xcap-root/resource-lists/users/a%2Fb/index", null, Root);

        Assert.Equal("a/b", uri.DocumentSelector.Xui);
    }

    [Fact]
    public void The_document_selector_ends_at_the_first_tilde_pair_segment()
    {
        var uri = XcapUri.Parse("/xcap-root/resource-lists/users/sip:joe@example.com/dir/index/~~/resource-lists/@a", null, Root);

        Assert.Equal("dir/index", uri.DocumentSelector.DocumentPath);
        Assert.Equal(XcapNodeKind.Attribute, uri.NodeSelector!.Kind);
    }

    [Fact]
    public void A_query_of_xmlns_parts_binds_the_selector_prefixes()
    {
        var uri = XcapUri.Parse(
            "/xcap-root/pres-rules/users/sip:joe@example.com/index/~~/cp:ruleset/cp:rule%5B@id=%22a%22%5D/cp:actions/pr:sub-handling",
            "?xmlns(cp=urn:ietf:params:xml:ns:common-policy)xmlns(pr=urn:ietf:params:xml:ns:pres-rules)",
            Root);

        Assert.Equal("urn:ietf:params:xml:ns:common-policy", uri.Namespaces["cp"]);
        Assert.Equal("urn:ietf:params:xml:ns:pres-rules", uri.NodeSelector!.Steps[3].Name!.Namespace);
    }

    [Fact]
    public void A_percent_encoded_query_and_circumflex_escapes_are_understood()
    {
        var uri = XcapUri.Parse("/xcap-root/t/users/u/index/~~/p:a", "xmlns(p=urn:x%5E(1%5E))", Root);

        Assert.Equal("urn:x(1)", uri.Namespaces["p"]);
    }

    [Theory]
    [InlineData("/~~/p:resource-lists", null)]
    [InlineData("/~~/resource-lists/list[@p:name=%22x%22]", null)]
    [InlineData("/~~/resource-lists/@p:a", "xmlns(q=urn:q)")]
    public void A_prefix_without_an_xmlns_binding_is_400(string node, string? query)
    {
        Assert.False(XcapUri.TryParse("/xcap-root/resource-lists/users/u/index" + node, query, Root, out _, out var error));
        Assert.Equal(400, error.StatusCode);
    }

    [Theory]
    [InlineData("/~~/")]
    [InlineData("/~~")]
    [InlineData("/~~/a[")]
    [InlineData("/~~/a[1")]
    [InlineData("/~~/a[@b=c]")]
    [InlineData("/~~/a[@b=%22c]")]
    [InlineData("/~~/a[@b=%22c%22")]
    [InlineData("/~~/a//b")]
    [InlineData("/~~/a/")]
    [InlineData("/~~/@a")]
    [InlineData("/~~/a/@b/c")]
    [InlineData("/~~/a/namespace::*/b")]
    [InlineData("/~~/a[@b=%22%3C%22]")]
    [InlineData("/~~/a[@b=%22&bogus;%22]")]
    [InlineData("/~~/a%ZZ")]
    [InlineData("/~~/a[99999999999]")]
    [InlineData("/~~/1a")]
    public void A_malformed_node_selector_is_400(string node)
    {
        Assert.False(XcapUri.TryParse("/xcap-root/resource-lists/users/u/index" + node, null, Root, out _, out var error));
        Assert.Equal(400, error.StatusCode);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("xmlns(p=)")]
    [InlineData("xmlns(p=urn:x")]
    [InlineData("xmlns(=urn:x)")]
    [InlineData("xmlns(xmlns=urn:x)")]
    public void A_query_that_is_not_xmlns_parts_is_400(string query)
    {
        Assert.False(XcapUri.TryParse("/xcap-root/resource-lists/users/u/index/~~/a", query, Root, out _, out var error));
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void A_uri_longer_than_the_limit_is_414()
    {
        var path = "/xcap-root/resource-lists/users/u/" + new string('a', 9000);

        Assert.False(XcapUri.TryParse(path, null, Root, out _, out var error));
        Assert.Equal(414, error.StatusCode);
    }

    [Fact]
    public void A_uri_written_back_parses_to_the_same_resource()
    {
        var original = XcapUri.Parse(
            "/xcap-root/pres-rules/users/sip:joe@example.com/index/~~/cp:ruleset/cp:rule%5B@id=%22a/b%22%5D/@id",
            "xmlns(cp=urn:ietf:params:xml:ns:common-policy)",
            Root);

        var http = original.ToHttpUri("https://xcap.example.com/xcap-root");

        Assert.Equal(
            "https://xcap.example.com/xcap-root/pres-rules/users/sip:joe@example.com/index/~~/cp:ruleset/cp:rule%5B@id=%22a/b%22%5D/@id?xmlns(cp=urn:ietf:params:xml:ns:common-policy)",
            http);
        var path = new Uri(http).AbsolutePath;
        var again = XcapUri.Parse(path, new Uri(http).Query, Root);
        Assert.Equal(original.ToString(), again.ToString());
    }

    [Fact]
    public void A_document_uri_percent_encodes_each_segment()
    {
        var uri = XcapUri.DocumentUri("https://x.example.com/root/", new XcapDocumentSelector("resource-lists", "sip:a b/c@example.com", "dir/my list"));

        Assert.Equal("https://x.example.com/root/resource-lists/users/sip:a%20b%2Fc@example.com/dir/my%20list", uri);
    }

    [Fact]
    public void A_request_target_is_split_at_its_query_before_the_xmlns_bindings_are_read()
    {
        var parsed = XcapUri.TryParseTarget(
            "/xcap-root/pres-rules/users/sip:alice@example.com/index/~~/cp:ruleset?xmlns(cp=urn:ietf:params:xml:ns:common-policy)", "/xcap-root",
            out var uri, out _);
        var unbound = XcapUri.TryParseTarget("/xcap-root/pres-rules/users/sip:alice@example.com/index/~~/cp:ruleset", "/xcap-root", out _, out var error);

        Assert.True(parsed);
        Assert.Equal("urn:ietf:params:xml:ns:common-policy", uri!.Namespaces["cp"]);
        Assert.False(unbound);
        Assert.Equal(400, error!.StatusCode);
    }
}
