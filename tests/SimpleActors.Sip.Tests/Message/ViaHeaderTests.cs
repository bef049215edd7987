using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Tests.Message;

public class ViaHeaderTests
{
    [Fact]
    public void Via_parts_are_parsed()
    {
        var via = ViaHeader.Parse("SIP/2.0/udp pc33.atlanta.com:5066;branch=z9hG4bK776asdhds;ttl=16;maddr=224.2.0.1");
        Assert.Equal("SIP", via.ProtocolName);
        Assert.Equal("2.0", via.ProtocolVersion);
        Assert.Equal("UDP", via.Transport);
        Assert.Equal("pc33.atlanta.com", via.Host);
        Assert.Equal(5066, via.Port);
        Assert.Equal("z9hG4bK776asdhds", via.Branch);
        Assert.True(via.HasMagicCookieBranch);
        Assert.Equal(16, via.Ttl);
        Assert.Equal("224.2.0.1", via.Maddr);
        Assert.False(via.HasRport);
    }

    [Fact]
    public void White_space_is_allowed_around_slashes_colon_and_semicolons()
    {
        var via = ViaHeader.Parse("SIP / 2.0 / TCP  example.com : 5060 ; branch = z9hG4bKabc ; rport");
        Assert.Equal("TCP", via.Transport);
        Assert.Equal(5060, via.Port);
        Assert.Equal("z9hG4bKabc", via.Branch);
        Assert.Equal("SIP/2.0/TCP example.com:5060;branch=z9hG4bKabc;rport", via.ToString());
    }

    [Fact]
    public void Rport_without_value_is_present_without_a_port()
    {
        var via = ViaHeader.Parse("SIP/2.0/UDP 192.0.2.1;rport;branch=z9hG4bKx");
        Assert.True(via.HasRport);
        Assert.Null(via.Rport);
        var answered = via.WithReceived("198.51.100.7").WithRport(61000);
        Assert.Equal(61000, answered.Rport);
        Assert.Equal("198.51.100.7", answered.Received);
        Assert.Equal("SIP/2.0/UDP 192.0.2.1;rport=61000;branch=z9hG4bKx;received=198.51.100.7", answered.ToString());
        Assert.Null(via.Received);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255", "2001:db8::9:255")]
    [InlineData("SIP/2.0/UDP [2001:db8::9:1]:5060;received=[2001:db8::9:255]", "[2001:db8::9:255]")]
    public void Ipv6_sent_by_and_received_with_or_without_brackets_are_accepted(string text, string received)
    {
        // RFC 5118 section 4.5
        var via = ViaHeader.Parse(text);
        Assert.Equal("[2001:db8::9:1]", via.Host);
        Assert.Equal(received, via.Received);
    }

    [Fact]
    public void With_received_writes_ipv6_without_brackets()
    {
        var via = ViaHeader.Parse("SIP/2.0/TCP host;branch=z9hG4bK1").WithReceived("[2001:db8::1]");
        Assert.Equal("2001:db8::1", via.Received);
    }

    [Fact]
    public void Branch_without_magic_cookie_is_reported()
    {
        Assert.False(ViaHeader.Parse("SIP/2.0/UDP host;branch=1234").HasMagicCookieBranch);
    }

    [Theory]
    [InlineData("SIP/2.0 host")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0/UDPhost")]
    [InlineData("SIP/2.0/UDP host:70000")]
    [InlineData("SIP/2.0/UDP host;ttl=256")]
    [InlineData("SIP/2.0/UDP host;rport=abc")]
    [InlineData("SIP/2.0/UDP host;received=not-an-ip")]
    [InlineData("SIP/2.0/UDP host;branch")]
    [InlineData("SIP/2.0/UDP [2001:db8:::1]")]
    [InlineData("SIP/2.0/UDP host extra")]
    public void Malformed_via_is_rejected_with_400(string text)
    {
        var e = Assert.Throws<SipParseException>(() => ViaHeader.Parse(text));
        Assert.Equal(400, e.StatusCode);
    }
}
