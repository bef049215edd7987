using System.Net;
using System.Text;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Tests.Transport;

public class ViaReceivedTests
{
    private static SipRequest Request(string via) => (SipRequest)new SipParser().Parse(Encoding.ASCII.GetBytes(
        $"OPTIONS sip:example.com SIP/2.0\r\nVia: {via}\r\nVia: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK0\r\n" +
        "To: <sip:example.com>\r\nFrom: <sip:a@example.com>;tag=1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n"));

    [Fact]
    public void Sent_by_matching_the_source_is_left_alone()
    {
        var request = Request("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1");

        var via = ViaReceived.Stamp(request, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060));

        Assert.Null(via.Received);
        Assert.Equal("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1", request.Headers.GetFirstValue(KnownHeader.Via));
    }

    [Fact]
    public void Hostname_sent_by_gets_received_with_the_source_address() // RFC 3261 section 18.2.1
    {
        var request = Request("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1");

        ViaReceived.Stamp(request, new IPEndPoint(IPAddress.Parse("192.0.2.4"), 5060));

        Assert.Equal("192.0.2.4", request.TopVia!.Received);
        Assert.Equal(2, request.Vias.Count);
    }

    [Fact]
    public void Empty_rport_is_filled_with_the_source_port_and_received_is_always_added() // RFC 3581 section 4
    {
        var request = Request("SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bK1");

        ViaReceived.Stamp(request, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 61000));

        Assert.Equal(61000, request.TopVia!.Rport);
        Assert.Equal("192.0.2.1", request.TopVia.Received);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 61000), ViaReceived.ResponseAddress(request.TopVia));
    }

    [Fact]
    public void Ipv6_source_is_written_without_brackets_in_received() // RFC 5118 section 4.5
    {
        var request = Request("SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bK1");

        ViaReceived.Stamp(request, new IPEndPoint(IPAddress.Parse("2001:db8::9:255"), 5060));

        Assert.Equal("2001:db8::9:255", request.TopVia!.Received);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::9:255"), 5060), ViaReceived.ResponseAddress(request.TopVia));
    }
}
