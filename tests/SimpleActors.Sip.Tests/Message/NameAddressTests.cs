using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Tests.Message;

public class NameAddressTests
{
    [Fact]
    public void Quoted_display_name_with_escaped_quotes_is_unquoted()
    {
        var a = NameAddress.Parse("\"Bob \\\"the builder\\\" \\\\ Smith\" <sip:bob@biloxi.com>;tag=a6c85cf");
        Assert.Equal("Bob \"the builder\" \\ Smith", a.DisplayName);
        Assert.Equal("sip:bob@biloxi.com", a.Uri.ToString());
        Assert.Equal("a6c85cf", a.Tag);
        Assert.Equal("\"Bob \\\"the builder\\\" \\\\ Smith\" <sip:bob@biloxi.com>;tag=a6c85cf", a.ToString());
    }

    [Fact]
    public void Unquoted_multi_token_display_name_is_kept()
    {
        var a = NameAddress.Parse("Bob   Smith\t<sip:bob@biloxi.com>");
        Assert.Equal("Bob Smith", a.DisplayName);
        Assert.Equal("bob", a.Uri.User);
    }

    [Fact]
    public void Parameters_after_an_addr_spec_belong_to_the_header()
    {
        // RFC 3261 section 20.10
        var a = NameAddress.Parse("sip:alice@atlanta.com;tag=1928301774;transport=tcp");
        Assert.Equal("1928301774", a.Tag);
        Assert.Equal("tcp", a.Parameters["transport"]);
        Assert.Empty(a.Uri.Parameters);
        Assert.Equal("<sip:alice@atlanta.com>;tag=1928301774;transport=tcp", a.ToString());
    }

    [Fact]
    public void Parameters_inside_angle_brackets_belong_to_the_uri()
    {
        var a = NameAddress.Parse(" <sip:proxy.example.com;lr> ; foo = bar");
        Assert.True(a.Uri.IsLooseRouting);
        Assert.Equal("bar", a.Parameters["foo"]);
        Assert.Null(a.DisplayName);
    }

    [Fact]
    public void With_tag_adds_a_tag_without_changing_the_original()
    {
        var a = NameAddress.Parse("\"Alice\" <sip:alice@atlanta.com>");
        var tagged = a.WithTag("88sja8x");
        Assert.Null(a.Tag);
        Assert.Equal("88sja8x", tagged.Tag);
        Assert.Equal("\"Alice\" <sip:alice@atlanta.com>;tag=88sja8x", tagged.ToString());
    }

    [Fact]
    public void Non_sip_uri_in_angle_brackets_is_accepted()
    {
        var a = NameAddress.Parse("<tel:+1-201-555-0123>;tag=x");
        Assert.False(a.Uri.IsSip);
        Assert.Equal("x", a.Tag);
    }

    [Theory]
    [InlineData("\"Bob <sip:bob@biloxi.com>")]
    [InlineData("\"Bob\" sip:bob@biloxi.com")]
    [InlineData("<sip:bob@biloxi.com")]
    [InlineData("Bob@home <sip:bob@biloxi.com>")]
    [InlineData("<sip:bob@biloxi.com> junk")]
    [InlineData("<sip:bob@biloxi.com>;=x")]
    [InlineData("\"Watson, Thomas\" < sip:t.watson@example.org >")]
    [InlineData("sip:user@example.com?Route=%3Csip:sip.example.com%3E")]
    [InlineData("")]
    [InlineData("  ")]
    public void Malformed_addresses_are_rejected(string text)
    {
        Assert.Throws<SipParseException>(() => NameAddress.Parse(text));
        Assert.False(NameAddress.TryParse(text, out _));
    }
}
