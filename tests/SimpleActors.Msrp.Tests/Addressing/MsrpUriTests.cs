using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Tests.Addressing;

public class MsrpUriTests
{
    public static TheoryData<string, bool, string?, string, bool, int?, string?, string> Valid => new()
    {
        // text, secure, userinfo, host, IPv6, port, session-id, transport
        { "msrp://atlanta.example.com:7654/jshA7weztas;tcp", false, null, "atlanta.example.com", false, 7654, "jshA7weztas", "tcp" },
        { "msrps://bob@biloxi.example.com:12763/kjhd37s2s20w2a;tcp", true, "bob", "biloxi.example.com", false, 12763, "kjhd37s2s20w2a", "tcp" },
        { "msrp://192.0.2.1:2855/abcd;tcp", false, null, "192.0.2.1", false, 2855, "abcd", "tcp" },
        { "msrp://[2001:db8::1]:2855/abcd;tcp", false, null, "2001:db8::1", true, 2855, "abcd", "tcp" },
        { "msrp://[2001:db8::1]/abcd;tcp", false, null, "2001:db8::1", true, null, "abcd", "tcp" },
        { "msrps://relay.example.com;tcp", true, null, "relay.example.com", false, null, null, "tcp" },
        { "msrps://alice@intra.example.com;tcp", true, "alice", "intra.example.com", false, null, null, "tcp" },
        { "msrps://relay.example.com:9000;tcp", true, null, "relay.example.com", false, 9000, null, "tcp" },
        { "msrp://h.example.com:9/s1;ws", false, null, "h.example.com", false, 9, "s1", "ws" },
        { "msrp://host.example.com/a+b=c/d-._~;tcp", false, null, "host.example.com", false, null, "a+b=c/d-._~", "tcp" },
        { "msrp://a;b:c@h.example.com/s;tcp", false, "a;b:c", "h.example.com", false, null, "s", "tcp" },
        { "msrp://%68ost.example.com/s;tcp", false, null, "%68ost.example.com", false, null, "s", "tcp" },
        { "msrp://localhost:0/s;tcp", false, null, "localhost", false, 0, "s", "tcp" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_valid_uri_reads_into_its_parts_and_is_written_back_as_it_came(
        string text, bool secure, string? userInfo, string host, bool ipv6, int? port, string? sessionId, string transport)
    {
        var uri = MsrpUri.Parse(text);

        Assert.Equal(secure, uri.IsSecure);
        Assert.Equal(userInfo, uri.UserInfo);
        Assert.Equal(host, uri.Host);
        Assert.Equal(ipv6, uri.IsIPv6);
        Assert.Equal(port, uri.Port);
        Assert.Equal(port ?? 2855, uri.EffectivePort);
        Assert.Equal(sessionId, uri.SessionId);
        Assert.Equal(transport, uri.Transport);
        Assert.Equal(text, uri.ToString());
        Assert.Equal(uri, MsrpUri.Parse(uri.ToString()));
    }

    [Fact]
    public void Parameters_after_the_transport_are_kept_in_order()
    {
        var uri = MsrpUri.Parse("msrp://h.example.com/s;tcp;p1=1;flag;p2=two");

        Assert.Equal([new MsrpUriParameter("p1", "1"), new MsrpUriParameter("flag", null), new MsrpUriParameter("p2", "two")], uri.Parameters);
        Assert.Equal("msrp://h.example.com/s;tcp;p1=1;flag;p2=two", uri.ToString());
    }

    [Fact]
    public void The_scheme_is_read_case_insensitively_and_written_in_lower_case()
    {
        var uri = MsrpUri.Parse("MSRPS://Host.Example.COM:1/x;TCP");

        Assert.True(uri.IsSecure);
        Assert.Equal("msrps://Host.Example.COM:1/x;TCP", uri.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("sip:alice@example.com")]
    [InlineData("msrp:host.example.com/abcd;tcp")]
    [InlineData("http://host.example.com/abcd;tcp")]
    [InlineData("msrp://host.example.com/abcd")] // RFC 4975 section 6: the transport is mandatory
    [InlineData("msrp://host.example.com:2855")]
    [InlineData("msrp://host.example.com/abcd;")]
    [InlineData("msrp://host.example.com/abcd;t-c")]
    [InlineData("msrp://:2855/abcd;tcp")]
    [InlineData("msrp:///abcd;tcp")]
    [InlineData("msrp://host.example.com:/abcd;tcp")]
    [InlineData("msrp://host.example.com:65536/abcd;tcp")]
    [InlineData("msrp://host.example.com:123456/abcd;tcp")]
    [InlineData("msrp://host.example.com:12a/abcd;tcp")]
    [InlineData("msrp://[2001:db8::1/abcd;tcp")]
    [InlineData("msrp://[example.com]/abcd;tcp")]
    [InlineData("msrp://[fe80::1%25eth0]/abcd;tcp")]
    [InlineData("msrp://2001:db8::1/abcd;tcp")]
    [InlineData("msrp://host.example.com/ab cd;tcp")]
    [InlineData("msrp://host.example.com/ab%41;tcp")]
    [InlineData("msrp://host.example.com/;tcp")]
    [InlineData("msrp://host.example.com/abcd;tcp;p=a b")]
    [InlineData("msrp://host.example.com/abcd;tcp;=1")]
    [InlineData("msrp://host.example.com/abcd;tcp;p=")]
    [InlineData("msrp://ho st.example.com/abcd;tcp")]
    [InlineData("msrp://host%zz.example.com/abcd;tcp")]
    [InlineData("msrp://host%4.example.com/abcd;tcp")]
    [InlineData("msrp://a@b@host.example.com/abcd;tcp")]
    [InlineData("msrp://a b@host.example.com/abcd;tcp")]
    [InlineData("msrp://hôst.example.com/abcd;tcp")]
    public void A_malformed_uri_is_refused(string text)
    {
        Assert.False(MsrpUri.TryParse(text, out _));
        var error = Assert.Throws<MsrpParseException>(() => MsrpUri.Parse(text));
        Assert.Equal(400, error.StatusCode);
    }

    public static TheoryData<string, string, bool> Comparisons => new()
    {
        // RFC 4975 section 6.1
        { "msrp://atlanta.example.com:7654/jshA7weztas;tcp", "msrp://atlanta.example.com:7654/jshA7weztas;tcp", true },
        { "MSRP://atlanta.example.com:7654/jshA7weztas;tcp", "msrp://atlanta.example.com:7654/jshA7weztas;tcp", true },
        { "msrps://atlanta.example.com:7654/jshA7weztas;tcp", "msrp://atlanta.example.com:7654/jshA7weztas;tcp", false },
        { "msrp://Atlanta.Example.COM:7654/jshA7weztas;tcp", "msrp://atlanta.example.com:7654/jshA7weztas;tcp", true },
        { "msrp://%61tlanta.example.com:7654/jshA7weztas;tcp", "msrp://atlanta.example.com:7654/jshA7weztas;tcp", true },
        { "msrp://atlanta.example.com/jshA7weztas;tcp", "msrp://atlanta.example.com:2855/jshA7weztas;tcp", false },
        { "msrp://atlanta.example.com:2855/jshA7weztas;tcp", "msrp://atlanta.example.com:2855/jshA7weztas;tcp", true },
        { "msrp://atlanta.example.com:7654/jshA7weztas;tcp", "msrp://atlanta.example.com:7655/jshA7weztas;tcp", false },
        { "msrp://atlanta.example.com:07654/jshA7weztas;tcp", "msrp://atlanta.example.com:7654/jshA7weztas;tcp", true },
        { "msrp://atlanta.example.com:7654/jshA7weztas;tcp", "msrp://atlanta.example.com:7654/jsha7weztas;tcp", false },
        { "msrp://alice@atlanta.example.com:7654/jshA7weztas;tcp", "msrp://atlanta.example.com:7654/jshA7weztas;tcp", true },
        { "msrp://alice@atlanta.example.com:7654/jshA7weztas;tcp", "msrp://bob@atlanta.example.com:7654/jshA7weztas;tcp", true },
        { "msrp://atlanta.example.com:7654/jshA7weztas;TCP", "msrp://atlanta.example.com:7654/jshA7weztas;tcp", true },
        { "msrp://atlanta.example.com:7654/jshA7weztas;ws", "msrp://atlanta.example.com:7654/jshA7weztas;tcp", false },
        { "msrp://atlanta.example.com:7654;tcp", "msrp://atlanta.example.com:7654/jshA7weztas;tcp", false },
        { "msrp://atlanta.example.com:7654/jshA7weztas;tcp;a=1", "msrp://atlanta.example.com:7654/jshA7weztas;tcp", true },
        { "msrp://[2001:db8::1]:7654/s;tcp", "msrp://[2001:DB8:0:0::1]:7654/s;tcp", true },
        { "msrp://[2001:db8::1]:7654/s;tcp", "msrp://[2001:db8::2]:7654/s;tcp", false },
        { "msrp://192.0.2.1:7654/s;tcp", "msrp://192.0.2.1:7654/s;tcp", true },
        { "msrp://192.0.2.1:7654/s;tcp", "msrp://192.0.2.10:7654/s;tcp", false },
        { "msrp://192.0.2.1:7654/s;tcp", "msrp://host.example.com:7654/s;tcp", false },
    };

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void Uris_compare_as_section_6_1_says(string a, string b, bool equal)
    {
        var left = MsrpUri.Parse(a);
        var right = MsrpUri.Parse(b);

        Assert.Equal(equal, left.Equals(right));
        Assert.Equal(equal, right.Equals(left));
        Assert.Equal(equal, left == right);
        Assert.Equal(!equal, left != right);
        if (equal)
        {
            Assert.Equal(left.GetHashCode(), right.GetHashCode());
        }
    }

    [Fact]
    public void A_uri_built_from_parts_writes_an_ipv6_host_in_brackets()
    {
        var uri = new MsrpUri("2001:db8::7", 2855, "s1", isSecure: true);

        Assert.Equal("msrps://[2001:db8::7]:2855/s1;tcp", uri.ToString());
        Assert.Equal(uri, new MsrpUri("[2001:db8::7]", 2855, "s1", isSecure: true));
        Assert.Equal(uri, MsrpUri.Parse(uri.ToString()));
    }

    [Fact]
    public void A_uri_built_from_parts_keeps_its_user_and_parameters()
    {
        var uri = new MsrpUri("relay.example.com", null, null, "tcp", isSecure: true, userInfo: "alice", [new MsrpUriParameter("p", "1")]);

        Assert.Equal("msrps://alice@relay.example.com;tcp;p=1", uri.ToString());
    }

    [Theory]
    [InlineData("ho st", 1, "s", "tcp")]
    [InlineData("", 1, "s", "tcp")]
    [InlineData("host.example.com", 70000, "s", "tcp")]
    [InlineData("host.example.com", -1, "s", "tcp")]
    [InlineData("host.example.com", 1, "a b", "tcp")]
    [InlineData("host.example.com", 1, "", "tcp")]
    [InlineData("host.example.com", 1, "s", "")]
    [InlineData("host.example.com", 1, "s", "t;p")]
    [InlineData("[::1", 1, "s", "tcp")]
    public void A_part_the_grammar_does_not_allow_is_refused_when_building(string host, int port, string session, string transport)
        => Assert.ThrowsAny<ArgumentException>(() => new MsrpUri(host, port, session, transport));
}
