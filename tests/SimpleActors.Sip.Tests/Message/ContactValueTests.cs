using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Tests.Message;

public class ContactValueTests
{
    [Fact]
    public void Star_is_the_wildcard()
    {
        var c = ContactValue.Parse(" * ");
        Assert.True(c.IsWildcard);
        Assert.Null(c.Address);
        Assert.Equal("*", c.ToString());
    }

    [Fact]
    public void Contact_parameters_are_exposed()
    {
        var c = ContactValue.Parse("<sip:alice@192.0.2.1:5060;transport=tcp>;expires=3600;q=0.7;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\";reg-id=1");
        Assert.False(c.IsWildcard);
        Assert.Equal(3600, c.Expires);
        Assert.Equal(0.7m, c.Q);
        Assert.Equal("<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>", c.SipInstance);
        Assert.Equal("urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF", c.SipInstanceUrn);
        Assert.Equal(1, c.RegId);
        Assert.Equal("tcp", c.Address!.Uri.Transport);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("1.000", 1)]
    [InlineData("0.", 0)]
    [InlineData("0.5", 0.5)]
    [InlineData("0.123", 0.123)]
    public void Valid_q_values_are_parsed(string q, double expected)
    {
        Assert.Equal((decimal)expected, ContactValue.Parse($"<sip:a@b>;q={q}").Q);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1.001")]
    [InlineData("0.1234")]
    [InlineData("2")]
    [InlineData("-0.5")]
    [InlineData(".5")]
    [InlineData("abc")]
    public void Invalid_q_values_are_rejected_with_400(string q)
    {
        var e = Assert.Throws<SipParseException>(() => ContactValue.Parse($"<sip:a@b>;q={q}"));
        Assert.Equal(400, e.StatusCode);
    }

    [Fact]
    public void Invalid_expires_is_rejected()
    {
        Assert.Throws<SipParseException>(() => ContactValue.Parse("<sip:a@b>;expires=soon"));
    }

    [Fact]
    public void Huge_expires_is_capped()
    {
        Assert.Equal(int.MaxValue, ContactValue.Parse("<sip:a@b>;expires=99999999999").Expires);
    }

    [Fact]
    public void Contact_list_splits_at_commas_outside_brackets_and_quotes()
    {
        var list = ContactValue.ParseList("\"Mr. Watson, Jr\" <sip:watson@worcester.bell-telephone.com>;q=0.7; expires=3600, \"Mr. Watson\" <mailto:watson@bell-telephone.com> ;q=0.1");
        Assert.Equal(2, list.Count);
        Assert.Equal("Mr. Watson, Jr", list[0].Address!.DisplayName);
        Assert.Equal(0.1m, list[1].Q);
        Assert.False(list[1].Address!.Uri.IsSip);
    }

    [Fact]
    public void Wildcard_mixed_with_addresses_is_rejected()
    {
        Assert.Throws<SipParseException>(() => ContactValue.ParseList("*, <sip:a@b>"));
    }
}
