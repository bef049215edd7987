using System.Text;

namespace SimpleActors.Benchmarks;

/// <summary>The messages a presence server handles most, as a SIMPLE client sends them.</summary>
public static class TypicalMessages
{
    public const string PidfBody =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n" +
        "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"\r\n" +
        "    xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\"\r\n" +
        "    xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\"\r\n" +
        "    entity=\"sip:alice@example.com\">\r\n" +
        "  <tuple id=\"a1233\">\r\n" +
        "    <status><basic>open</basic></status>\r\n" +
        "    <contact priority=\"0.8\">sip:alice@pc33.example.com</contact>\r\n" +
        "    <timestamp>2026-11-25T14:02:00Z</timestamp>\r\n" +
        "  </tuple>\r\n" +
        "  <dm:person id=\"p1\">\r\n" +
        "    <rpid:activities><rpid:on-the-phone/></rpid:activities>\r\n" +
        "    <rpid:mood><rpid:happy/></rpid:mood>\r\n" +
        "    <dm:note xml:lang=\"en\">In a call until 3pm, then free</dm:note>\r\n" +
        "    <dm:timestamp>2026-11-25T14:02:00Z</dm:timestamp>\r\n" +
        "  </dm:person>\r\n" +
        "  <dm:device id=\"pc122\">\r\n" +
        "    <rpid:user-input idle-threshold=\"600\">active</rpid:user-input>\r\n" +
        "    <dm:deviceID>urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6</dm:deviceID>\r\n" +
        "    <dm:timestamp>2026-11-25T14:02:00Z</dm:timestamp>\r\n" +
        "  </dm:device>\r\n" +
        "</presence>\r\n";

    public static readonly string Publish =
        "PUBLISH sip:alice@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP pc33.example.com:5060;branch=z9hG4bKnashds8;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:alice@example.com>\r\n" +
        "From: <sip:alice@example.com>;tag=1234wxyz\r\n" +
        "Call-ID: 81818181@pc33.example.com\r\n" +
        "CSeq: 1 PUBLISH\r\n" +
        "Expires: 3600\r\n" +
        "Event: presence\r\n" +
        "User-Agent: SimpleClient/1.0\r\n" +
        "Content-Type: application/pidf+xml\r\n" +
        $"Content-Length: {Encoding.UTF8.GetByteCount(PidfBody)}\r\n" +
        "\r\n" + PidfBody;

    public const string Subscribe =
        "SUBSCRIBE sip:alice@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP watcherhost.example.com;branch=z9hG4bKnashds7\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:alice@example.com>\r\n" +
        "From: <sip:bob@example.com>;tag=xfg9\r\n" +
        "Call-ID: 2010@watcherhost.example.com\r\n" +
        "CSeq: 17766 SUBSCRIBE\r\n" +
        "Event: presence\r\n" +
        "Accept: application/pidf+xml, application/cpim-pidf+xml\r\n" +
        "Contact: <sip:bob@watcherhost.example.com;transport=tcp>\r\n" +
        "Supported: eventlist\r\n" +
        "Expires: 600\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    public static readonly string Notify =
        "NOTIFY sip:bob@watcherhost.example.com;transport=tcp SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP server.example.com;branch=z9hG4bKna998sk\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:bob@example.com>;tag=xfg9\r\n" +
        "From: <sip:alice@example.com>;tag=ffd2\r\n" +
        "Call-ID: 2010@watcherhost.example.com\r\n" +
        "CSeq: 8775 NOTIFY\r\n" +
        "Event: presence\r\n" +
        "Subscription-State: active;expires=599\r\n" +
        "Contact: <sip:server.example.com;transport=tcp>\r\n" +
        "Content-Type: application/pidf+xml\r\n" +
        $"Content-Length: {Encoding.UTF8.GetByteCount(PidfBody)}\r\n" +
        "\r\n" + PidfBody;

    public const string Message =
        "MESSAGE sip:bob@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP alicepc.example.com;branch=z9hG4bK776sgdkse\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:alice@example.com>;tag=49583\r\n" +
        "To: <sip:bob@example.com>\r\n" +
        "Call-ID: asd88asd77a@1.2.3.4\r\n" +
        "CSeq: 1 MESSAGE\r\n" +
        "Content-Type: text/plain\r\n" +
        "Content-Length: 18\r\n" +
        "\r\n" +
        "Watson, come here.";

    public const string Response200 =
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP pc33.example.com:5060;branch=z9hG4bKnashds8;rport=5060;received=192.0.2.4\r\n" +
        "To: <sip:alice@example.com>;tag=1a2b3c\r\n" +
        "From: <sip:alice@example.com>;tag=1234wxyz\r\n" +
        "Call-ID: 81818181@pc33.example.com\r\n" +
        "CSeq: 1 PUBLISH\r\n" +
        "SIP-ETag: dx200xyz\r\n" +
        "Expires: 1800\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    public static byte[] Bytes(string message) => Encoding.UTF8.GetBytes(message);
}
