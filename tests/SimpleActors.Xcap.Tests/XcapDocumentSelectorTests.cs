namespace SimpleActors.Xcap.Tests;

public sealed class XcapDocumentSelectorTests
{
    [Theory]
    [InlineData("sip:alice@EXAMPLE.com", "sip:alice@example.com")]
    [InlineData("SIP:alice@example.com", "sip:alice@example.com")]
    [InlineData("SIPS:bob@Example.Org", "sips:bob@example.org")]
    [InlineData("sip:EXAMPLE.com", "sip:example.com")]
    [InlineData("sip:alice@EXAMPLE.com:5070", "sip:alice@example.com:5070")]
    [InlineData("sip:alice@[2001:DB8::1]", "sip:alice@[2001:db8::1]")]
    public void A_sip_xui_has_its_scheme_and_host_in_lower_case(string xui, string canonical)
    {
        Assert.Equal(canonical, XcapDocumentSelector.CanonicalXui(xui));
    }

    [Theory]
    [InlineData("sip:Alice@EXAMPLE.com", "sip:Alice@example.com")]
    [InlineData("sip:alice@EXAMPLE.com;transport=TCP", "sip:alice@example.com;transport=TCP")]
    [InlineData("sip:alice@EXAMPLE.com?Subject=Hi", "sip:alice@example.com?Subject=Hi")]
    [InlineData("sip:AL;ICE@EXAMPLE.com", "sip:AL;ICE@example.com")]
    public void A_sip_xui_keeps_its_user_part_parameters_and_headers_as_given(string xui, string canonical)
    {
        Assert.Equal(canonical, XcapDocumentSelector.CanonicalXui(xui));
    }

    [Theory]
    [InlineData("tel:+1-555-0100")]
    [InlineData("mailto:Alice@EXAMPLE.com")]
    [InlineData("Alice@EXAMPLE.com")]
    [InlineData("sipx:Alice@EXAMPLE.com")]
    public void A_xui_of_another_scheme_is_unchanged(string xui)
    {
        Assert.Equal(xui, XcapDocumentSelector.CanonicalXui(xui));
    }

    [Fact]
    public void A_request_uri_with_the_host_in_upper_case_names_the_canonical_document()
    {
        var uri = XcapUri.Parse("/xcap-root/resource-lists/users/sip:alice@EXAMPLE.com/index", null, "/xcap-root");

        Assert.Equal(new XcapDocumentSelector("resource-lists", "sip:alice@example.com", "index"), uri.DocumentSelector);
        Assert.Equal("resource-lists/users/sip:alice@example.com/index", uri.DocumentSelector.ToString());
    }

    [Fact]
    public void A_percent_encoded_xui_is_decoded_before_it_is_made_canonical()
    {
        var uri = XcapUri.Parse("/xcap-root/resource-lists/users/sip%3AAlice%40EXAMPLE.COM/index", null, "/xcap-root");

        Assert.Equal("sip:Alice@example.com", uri.DocumentSelector.Xui);
    }

    [Theory]
    [InlineData("xcap-caps/global/index")]
    [InlineData("rls-services/global/index")]
    [InlineData("resource-lists/users/sip:alice@example.com/index")]
    [InlineData("resource-lists/users/sip:alice@example.com/friends/work/index")]
    [InlineData("pres-rules/users/tel:+15550100/index")]
    [InlineData("pidf-manipulation/global/dir/doc")]
    public void A_selector_read_back_is_the_one_written(string text)
    {
        Assert.True(XcapDocumentSelector.TryParse(text, out var selector));

        Assert.Equal(text, selector.ToString());
    }

    [Fact]
    public void A_global_selector_reads_with_no_xui_and_a_users_one_with_its_xui_and_path()
    {
        Assert.True(XcapDocumentSelector.TryParse("xcap-caps/global/index", out var global));
        Assert.True(XcapDocumentSelector.TryParse("resource-lists/users/sip:alice@example.com/friends/index", out var users));

        Assert.Equal(new XcapDocumentSelector("xcap-caps", null, "index"), global);
        Assert.True(global.IsGlobal);
        Assert.Equal(new XcapDocumentSelector("resource-lists", "sip:alice@example.com", "friends/index"), users);
        Assert.False(users.IsGlobal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("resource-lists")]
    [InlineData("/global/index")]
    [InlineData("resource-lists/global")]
    [InlineData("resource-lists/global/")]
    [InlineData("resource-lists/users")]
    [InlineData("resource-lists/users/")]
    [InlineData("resource-lists/users//index")]
    [InlineData("resource-lists/users/sip:alice@example.com")]
    [InlineData("resource-lists/users/sip:alice@example.com/")]
    [InlineData("resource-lists/people/sip:alice@example.com/index")]
    [InlineData("resource-lists/Global/index")]
    public void A_text_without_an_auid_a_tree_or_a_document_path_is_not_a_selector(string text)
    {
        Assert.False(XcapDocumentSelector.TryParse(text, out var selector));
        Assert.Null(selector);
    }
}
