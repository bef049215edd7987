using System.Net;
using System.Text;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Tests;

/// <summary>Requests as clients send them, parsed and validated like the edge does.</summary>
internal static class TestRequests
{
    public static readonly SipFlow UdpFlow = new(
        "akka.tcp://simpleactors@127.0.0.1:4053", SipTransport.Udp, IPEndPoint.Parse("127.0.0.1:5060"), IPEndPoint.Parse("192.0.2.7:5070"), 0);

    public static SipRequest Parse(string text)
    {
        var request = (SipRequest)new SipParser().Parse(Encoding.UTF8.GetBytes(text));
        SipMessageValidator.Validate(request);
        return request;
    }

    public static SipRequest Register(string contacts, string? extra = null) => Parse(
        "REGISTER sip:example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bKreg1;rport\r\n" +
        "Max-Forwards: 70\r\nTo: <sip:bob@example.com>\r\nFrom: <sip:bob@example.com>;tag=r1\r\n" +
        "Call-ID: reg-1@192.0.2.7\r\nCSeq: 7 REGISTER\r\n" + contacts + extra + "Content-Length: 0\r\n\r\n");

    public static SipRequest Message(string body = "hello", string from = "<sip:alice@example.com>;tag=m1") => Parse(
        "MESSAGE sip:bob@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bKmsg1\r\n" +
        "Max-Forwards: 70\r\nTo: <sip:bob@example.com>\r\n" + $"From: {from}\r\n" +
        "Call-ID: msg-1@192.0.2.9\r\nCSeq: 1 MESSAGE\r\nRoute: <sip:127.0.0.1;lr>\r\nProxy-Authorization: Digest username=\"alice\"\r\n" +
        "Content-Type: text/plain\r\n" + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");
}
