using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Tests.Message;

public class SipUriTests
{
    // RFC 3261 section 19.1.4: URIs that are equivalent.
    [Theory]
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;security=on")]
    [InlineData("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on")]
    [InlineData("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")]
    [InlineData("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;security=off")]
    public void Rfc3261_equivalent_uris_are_equivalent(string a, string b)
    {
        var x = SipUri.Parse(a);
        var y = SipUri.Parse(b);
        Assert.True(x.Equivalent(y));
        Assert.True(y.Equivalent(x));
    }

    // RFC 3261 section 19.1.4: URIs that are not equivalent.
    [Theory]
    [InlineData("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting")]
    [InlineData("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4")]
    [InlineData("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off")]
    [InlineData("sip:alice@atlanta.com", "sips:alice@atlanta.com")]
    [InlineData("sip:alice@atlanta.com", "sip:atlanta.com")]
    [InlineData("sip:alice:secret@atlanta.com", "sip:alice@atlanta.com")]
    public void Rfc3261_not_equivalent_uris_are_not_equivalent(string a, string b)
    {
        var x = SipUri.Parse(a);
        var y = SipUri.Parse(b);
        Assert.False(x.Equivalent(y));
        Assert.False(y.Equivalent(x));
    }

    [Fact]
    public void Uri_with_escaped_user_equals_unescaped_form()
    {
        var uri = SipUri.Parse("sip:%61lice@atlanta.com");
        Assert.Equal("alice", uri.User);
        Assert.Equal("sip:alice@atlanta.com", uri.ToString());
    }

    [Fact]
    public void Escaped_reserved_character_in_user_is_not_equal_to_the_character()
    {
        // RFC 3261 section 19.1.4: only characters outside the reserved set equal their escapes.
        var escaped = SipUri.Parse("sip:a%3Bb@host");
        var plain = SipUri.Parse("sip:a;b@host");
        Assert.False(escaped.Equivalent(plain));
        Assert.Equal("a;b", escaped.User);
        Assert.Equal("sip:a%3Bb@host", escaped.ToString());
    }

    [Fact]
    public void Full_uri_parts_are_parsed()
    {
        var uri = SipUri.Parse("sips:alice:pw@Atlanta.COM:5061;transport=tls;lr;ttl=15;maddr=239.255.255.1?subject=hi&priority=urgent");
        Assert.True(uri.IsSip);
        Assert.True(uri.IsSecure);
        Assert.Equal("alice", uri.User);
        Assert.Equal("pw", uri.Password);
        Assert.Equal("atlanta.com", uri.Host);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("tls", uri.Transport);
        Assert.True(uri.IsLooseRouting);
        Assert.Equal(15, uri.Ttl);
        Assert.Equal("239.255.255.1", uri.Maddr);
        Assert.Equal(2, uri.Headers.Count);
        Assert.Equal("sips:alice:pw@atlanta.com:5061;transport=tls;lr;ttl=15;maddr=239.255.255.1?subject=hi&priority=urgent", uri.ToString());
    }

    [Fact]
    public void User_part_may_hold_user_parameters_before_the_at_sign()
    {
        var uri = SipUri.Parse("sip:+1-212-555-1212;isub=1411;postd=pp22@foo.com;user=phone");
        Assert.Equal("+1-212-555-1212;isub=1411;postd=pp22", uri.User);
        Assert.Equal("foo.com", uri.Host);
        Assert.Equal("phone", uri.UserParameter);
    }

    [Theory]
    [InlineData("sip:[2001:db8::10]:5070", "[2001:db8::10]", 5070)]
    [InlineData("sip:[2001:db8::9:255.255.255.255]", "[2001:db8::9:255.255.255.255]", null)]
    [InlineData("sip:[::ffff:192.0.2.10]", "[::ffff:192.0.2.10]", null)]
    [InlineData("sip:alice@[2001:DB8::10]", "[2001:db8::10]", null)]
    public void Rfc5118_ipv6_references_are_parsed(string text, string host, int? port)
    {
        var uri = SipUri.Parse(text);
        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
        Assert.True(uri.IsIPv6Host);
    }

    [Fact]
    public void Rfc5118_three_colon_abnf_bug_form_is_tolerated_as_the_two_colon_address()
    {
        var uri = SipUri.Parse("sip:user@[2001:db8:::192.0.2.1]");

        Assert.Equal("[2001:db8::192.0.2.1]", uri.Host);
        Assert.True(uri.Equivalent(SipUri.Parse("sip:user@[2001:db8::192.0.2.1]")));
    }

    [Theory]
    [InlineData("sip:[2001:db8:::1]")]
    [InlineData("sip:[2001:db8:::192.0.2.1:5]")]
    [InlineData("sip:[2001:db8::10")]
    [InlineData("sip:[fe80::1%25eth0]")]
    [InlineData("sip:[192.0.2.1]")]
    public void Malformed_ipv6_references_are_rejected(string text)
    {
        var e = Assert.Throws<SipParseException>(() => SipUri.Parse(text));
        Assert.Equal(400, e.StatusCode);
    }

    [Fact]
    public void Ipv6_references_compare_as_addresses()
    {
        // RFC 5118 section 4.4
        Assert.True(SipUri.Parse("sip:[2001:db8::9:1]").Equivalent(SipUri.Parse("sip:[2001:db8:0:0:0:0:9:1]")));
        Assert.True(SipUri.Parse("sip:[::ffff:192.0.2.10]").Equivalent(SipUri.Parse("sip:[::ffff:c000:20a]")));
    }

    [Theory]
    [InlineData("sip:alice@atlanta.com:65536")]
    [InlineData("sip:alice@atlanta.com:")]
    [InlineData("sip:alice@atlanta.com:99999999999999")]
    [InlineData("sip:alice@atlanta.com:5o60")]
    [InlineData("sip:alice@")]
    [InlineData("sip:")]
    [InlineData("sip:@atlanta.com")]
    [InlineData("sip:al ice@atlanta.com")]
    [InlineData("sip:al%G1ce@atlanta.com")]
    [InlineData("sip:alice%4@atlanta.com")]
    [InlineData("sip:<alice>@atlanta.com")]
    [InlineData("sip:alice@atlanta.com>")]
    [InlineData("sip:alice@atl_anta.com")]
    [InlineData("sip:alice@-atlanta.com")]
    [InlineData("sip:alice@atlanta..com")]
    [InlineData("sip:alice@256.1.1.1")]
    [InlineData("sip:alice@atlanta.com;ttl=300")]
    [InlineData("sip:alice@atlanta.com;transport=")]
    [InlineData("sip:alice@atlanta.com?subject")]
    [InlineData("alice@atlanta.com")]
    [InlineData("1sip:alice@atlanta.com")]
    [InlineData("sip:alice@atlanta.com\u0001")]
    public void Malformed_uris_are_rejected_with_400(string text)
    {
        var e = Assert.Throws<SipParseException>(() => SipUri.Parse(text));
        Assert.Equal(400, e.StatusCode);
        Assert.False(SipUri.TryParse(text, out _));
    }

    [Theory]
    [InlineData("tel:+1-201-555-0123", "tel")]
    [InlineData("mailto:alice@atlanta.com", "mailto")]
    [InlineData("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "urn")]
    [InlineData("TEL:+1234;phone-context=example.com", "tel")]
    public void Non_sip_absolute_uris_are_kept_verbatim(string text, string scheme)
    {
        var uri = SipUri.Parse(text);
        Assert.False(uri.IsSip);
        Assert.Equal(scheme, uri.Scheme);
        Assert.Equal(scheme + text[text.IndexOf(':', StringComparison.Ordinal)..], uri.AbsoluteUri);
    }

    [Fact]
    public void A_non_sip_uri_where_sip_is_required_is_rejected_with_416()
    {
        var e = Assert.Throws<SipParseException>(() => SipUri.ParseSip("tel:+1234"));
        Assert.Equal(416, e.StatusCode);
    }

    [Theory]
    [InlineData("sip:Alice@AtLanTa.com:5060;transport=tcp?subject=x", false, "sip:Alice@atlanta.com")]
    [InlineData("sip:Alice@AtLanTa.com:5060;transport=tcp", true, "sip:Alice@atlanta.com:5060")]
    [InlineData("sips:%61lice:pw@atlanta.com", false, "sips:alice@atlanta.com")]
    [InlineData("sip:atlanta.com", false, "sip:atlanta.com")]
    public void Address_of_record_keeps_scheme_user_and_lower_case_host(string text, bool keepPort, string aor)
    {
        Assert.Equal(aor, SipUri.Parse(text).ToAor(keepPort).ToString());
    }

    [Fact]
    public void Created_uri_escapes_the_user()
    {
        var uri = SipUri.Create("example.com", "al ice", 5060);
        Assert.Equal("sip:al%20ice@example.com:5060", uri.ToString());
        Assert.Equal("al ice", uri.User);
    }

    [Fact]
    public void With_parameter_replaces_an_existing_parameter()
    {
        var uri = SipUri.Parse("sip:a@b;transport=udp;lr").WithParameter("transport", "tcp").WithoutParameter("lr");
        Assert.Equal("sip:a@b;transport=tcp", uri.ToString());
    }
}
