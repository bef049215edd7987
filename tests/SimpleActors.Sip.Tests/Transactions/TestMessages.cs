using System.Net;
using System.Text;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Tests.Transactions;

/// <summary>Requests and responses for the transaction tests, parsed from text as they would arrive.</summary>
internal static class TestMessages
{
    private static readonly SipParser Parser = new();

    public static readonly SipDestination Udp = new(SipTransport.Udp, IPEndPoint.Parse("192.0.2.10:5060"));
    public static readonly SipDestination Tcp = new(SipTransport.Tcp, IPEndPoint.Parse("192.0.2.10:5060"));

    public static SipRequest Request(
        string method,
        string branch = "z9hG4bK74bf9",
        string sentBy = "pc33.atlanta.com",
        string transport = "UDP",
        string? toTag = null,
        string fromTag = "9fxced76sl",
        string callId = "3848276298220188511@atlanta.com",
        uint cseq = 1,
        string requestUri = "sip:bob@biloxi.com",
        string? extra = null)
    {
        var to = toTag is null ? "Bob <sip:bob@biloxi.com>" : $"Bob <sip:bob@biloxi.com>;tag={toTag}";
        var text =
            $"{method} {requestUri} SIP/2.0\r\n" +
            $"Via: SIP/2.0/{transport} {sentBy};branch={branch}\r\n" +
            "Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKupstream\r\n" +
            "Max-Forwards: 70\r\n" +
            $"To: {to}\r\n" +
            $"From: Alice <sip:alice@atlanta.com>;tag={fromTag}\r\n" +
            $"Call-ID: {callId}\r\n" +
            $"CSeq: {cseq} {method}\r\n" +
            (extra ?? string.Empty) +
            "Content-Length: 0\r\n\r\n";
        return (SipRequest)Parser.Parse(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>A response to <paramref name="request"/> as the peer would send it, with a To tag above 100.</summary>
    public static SipResponse Response(SipRequest request, int status, string toTag = "8321234356")
        => SipResponse.CreateFor(request, status, toTag: status > 100 ? toTag : null);
}
