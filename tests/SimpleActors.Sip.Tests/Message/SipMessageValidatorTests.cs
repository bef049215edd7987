using System.Net;
using System.Text;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Tests.Message;

public class SipMessageValidatorTests
{
    private const string Subscribe =
        "SUBSCRIBE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bK1;rport\r\nMax-Forwards: 70\r\n" +
        "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1@127.0.0.1\r\nCSeq: 1 SUBSCRIBE\r\n" +
        "Event: presence\r\nContact: <sip:alice@127.0.0.1:5099>\r\nRoute: <sip:127.0.0.1:5060;lr>\r\nContent-Length: 0\r\n\r\n";

    private static SipMessage Parse(string text) => new SipParser().Parse(Encoding.ASCII.GetBytes(text));

    [Fact]
    public void The_well_formed_request_passes()
    {
        Assert.True(SipMessageValidator.TryValidate(Parse(Subscribe), out _));
    }

    /// <summary>
    /// Found by the edge fuzz target (docs/reliability.md): an empty first Via row before a good one passed the checks (the
    /// good row made the Via list non-empty), and the received/rport stamp, which reads the first row, threw
    /// ArgumentOutOfRangeException. RFC 3261 section 25.1: these lists hold at least one value in every row.
    /// </summary>
    [Theory]
    [InlineData("Via: SIP/2.0/UDP", "Via: \r\nVia: SIP/2.0/UDP", "Via")]
    [InlineData("Via: SIP/2.0/UDP", "Via: , \r\nVia: SIP/2.0/UDP", "Via")]
    [InlineData("Route: <sip:127.0.0.1:5060;lr>", "Route: \r\nRoute: <sip:127.0.0.1:5060;lr>", "Route")]
    [InlineData("Contact: <sip:alice@127.0.0.1:5099>", "Contact: ", "Contact")]
    [InlineData("Max-Forwards: 70", "Record-Route:\r\nMax-Forwards: 70", "Record-Route")]
    [InlineData("Max-Forwards: 70", "Path: ,\r\nMax-Forwards: 70", "Path")]
    public void A_list_header_row_without_a_value_is_refused_with_400(string replace, string with, string header)
    {
        var message = Parse(Subscribe.Replace(replace, with, StringComparison.Ordinal));

        Assert.False(SipMessageValidator.TryValidate(message, out var error));
        Assert.Equal(400, error!.StatusCode);
        Assert.Equal($"Empty {header} header field", error.Reason);
    }

    [Fact]
    public void Every_request_that_passes_has_a_top_via_the_received_stamp_can_read()
    {
        var request = (SipRequest)Parse(Subscribe.Replace("Via: SIP/2.0/UDP", "Via: SIP/2.0/TCP 10.0.0.9, SIP/2.0/UDP", StringComparison.Ordinal));
        Assert.True(SipMessageValidator.TryValidate(request, out _));

        var top = ViaReceived.Stamp(request, new IPEndPoint(IPAddress.Loopback, 5099));

        Assert.Equal("10.0.0.9", top.Host);
        Assert.Equal("127.0.0.1", top.Received);
    }
}
