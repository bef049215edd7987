using SimpleActors.Sip.Message;
using static SimpleActors.Sip.Tests.Vectors.TortureVector;

namespace SimpleActors.Sip.Tests.Vectors;

/// <summary>RFC 5118 (IPv6 torture messages, the CRLF wire copies), one test per message.</summary>
public class Rfc5118Ipv6TortureTests
{
    [Fact]
    public void Every_vector_file_is_covered_by_a_test()
        => Assert.Equal(12, Rfc5118Names().Count());

    // 4.1
    [Fact]
    public void Ipv6_good_references_parse_in_request_uri_via_and_contact()
    {
        var request = Accepted<SipRequest>(Rfc5118("ipv6-good"));

        Assert.Equal("[2001:db8::10]", request.RequestUri.Host);
        Assert.True(request.RequestUri.IsIPv6Host);
        Assert.Equal("[2001:db8::9:1]", request.TopVia!.Host);
        Assert.Equal("[2001:db8::1]", Assert.Single(request.Contacts).Address!.Uri.Host);
    }

    // 4.2
    [Fact]
    public void Ipv6_bad_reference_without_brackets_is_rejected_with_400()
    {
        var (message, status, _) = Receive(Rfc5118("ipv6-bad"));

        Assert.Null(message);
        Assert.Equal(400, status);
    }

    // 4.3
    [Fact]
    public void Port_ambiguous_reference_has_no_port()
    {
        var request = Accepted<SipRequest>(Rfc5118("port-ambiguous"));

        Assert.Equal("[2001:db8::10:5070]", request.RequestUri.Host);
        Assert.Null(request.RequestUri.Port);
    }

    // 4.4
    [Fact]
    public void Port_unambiguous_reference_has_its_port()
    {
        var request = Accepted<SipRequest>(Rfc5118("port-unambiguous"));

        Assert.Equal("[2001:db8::10]", request.RequestUri.Host);
        Assert.Equal(5070, request.RequestUri.Port);
    }

    // 4.5
    [Fact]
    public void Via_received_with_brackets_is_accepted()
    {
        var request = Accepted<SipRequest>(Rfc5118("via-received-param-with-delim"));

        Assert.Equal("[2001:db8::9:255]", request.TopVia!.Received);
    }

    // 4.5
    [Fact]
    public void Via_received_without_brackets_is_accepted()
    {
        var request = Accepted<SipRequest>(Rfc5118("via-received-param-no-delim"));

        Assert.Equal("2001:db8::9:255", request.TopVia!.Received);
    }

    // 4.6
    [Fact]
    public void Ipv6_in_sdp_body_is_carried()
    {
        var request = Accepted<SipRequest>(Rfc5118("ipv6-in-sdp"));

        Assert.Contains("IN IP6 2001:db8::", System.Text.Encoding.ASCII.GetString(request.Body.Span), StringComparison.Ordinal);
    }

    // 4.7
    [Fact]
    public void Multiple_ip_versions_in_vias_parse()
    {
        var request = Accepted<SipRequest>(Rfc5118("mult-ip-in-header"));

        Assert.Contains(request.Vias, v => v.Host.StartsWith('['));
        Assert.Contains(request.Vias, v => !v.Host.StartsWith('['));
    }

    // 4.8
    [Fact]
    public void Multiple_ip_versions_in_sdp_are_carried()
    {
        var request = Accepted<SipRequest>(Rfc5118("mult-ip-in-sdp"));

        Assert.Equal(request.DeclaredContentLength, request.Body.Length);
    }

    // 4.9
    [Fact]
    public void Ipv4_mapped_ipv6_addresses_parse()
    {
        var request = Accepted<SipRequest>(Rfc5118("ipv4-mapped-ipv6"));

        Assert.Contains("::ffff:", request.TopVia!.Host, StringComparison.OrdinalIgnoreCase);
    }

    // 4.10: RFC 3261's ABNF bug produces a third colon; RFC 5118 asks servers to be liberal and accept it.
    [Fact]
    public void Three_colon_abnf_bug_form_is_tolerated()
    {
        var request = Accepted<SipRequest>(Rfc5118("ipv6-bug-abnf-3-colons"));

        Assert.Equal("OPTIONS", request.Method);
        Assert.Equal("user", request.RequestUri.User);
    }

    // 4.10
    [Fact]
    public void Two_colon_correct_form_is_accepted()
    {
        var request = Accepted<SipRequest>(Rfc5118("ipv6-correct-abnf-2-colons"));

        Assert.Equal("[2001:db8::192.0.2.1]", request.RequestUri.Host);
    }
}
