using System.Net;
using System.Text;
using SimpleActors.Sip.Dialogs;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Tests.Dialogs;

/// <summary>RFC 3261 section 12: creating a dialog on either side, the requests inside it and the peer's requests.</summary>
public sealed class DialogTests
{
    private static readonly SipFlow Flow = new("node-1", SipTransport.Tcp, new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Loopback, 40000), 7);

    // A SUBSCRIBE through two proxies that Record-Routed (in the shape of RFC 3856's examples).
    private const string Subscribe =
        "SUBSCRIBE sip:alice@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP p2.example.net:5070;branch=z9hG4bK-2\r\n" +
        "Via: SIP/2.0/TCP 192.0.2.20:5060;branch=z9hG4bK-1\r\n" +
        "Record-Route: <sip:p2.example.net:5070;lr>\r\n" +
        "Record-Route: <sip:p1.example.com;lr>\r\n" +
        "Max-Forwards: 69\r\n" +
        "From: \"Bob\" <sip:bob@example.com>;tag=bt\r\n" +
        "To: <sip:alice@example.com>\r\n" +
        "Call-ID: call-1@192.0.2.20\r\n" +
        "CSeq: 17 SUBSCRIBE\r\n" +
        "Contact: <sip:bob@192.0.2.20:5060;transport=tcp>\r\n" +
        "Event: presence\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static SipRequest Request(string text) => Assert.IsType<SipRequest>(new SipParser().ParseDatagram(Encoding.UTF8.GetBytes(text)));

    private static SipResponse Response(string text) => Assert.IsType<SipResponse>(new SipParser().ParseDatagram(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void A_uas_dialog_takes_the_record_route_in_order_the_contact_as_target_and_the_request_cseq_as_remote()
    {
        var dialog = Dialog.AsUas(Request(Subscribe), "our-tag", Flow);

        Assert.Equal("call-1@192.0.2.20", dialog.CallId);
        Assert.Equal(("sip:alice@example.com", "our-tag"), (dialog.LocalUri, dialog.LocalTag));
        Assert.Equal(("sip:bob@example.com", "bt"), (dialog.RemoteUri, dialog.RemoteTag));
        Assert.Equal("sip:bob@192.0.2.20:5060;transport=tcp", dialog.RemoteTarget);
        Assert.Equal(["<sip:p2.example.net:5070;lr>", "<sip:p1.example.com;lr>"], dialog.RouteSet.ToArray());
        Assert.Equal((0u, 17u), (dialog.LocalCSeq, dialog.RemoteCSeq));
        Assert.False(dialog.Secure);
        Assert.Equal(Flow, dialog.Flow);
    }

    [Fact]
    public void A_uas_dialog_is_secure_only_for_a_sips_request_uri_that_came_over_tls()
    {
        var sips = Subscribe.Replace("SUBSCRIBE sip:alice", "SUBSCRIBE sips:alice", StringComparison.Ordinal);
        var overTls = Flow with { Transport = SipTransport.Tls };

        Assert.True(Dialog.AsUas(Request(sips), "t", overTls).Secure);
        Assert.True(Dialog.AsUas(Request(sips), "t", Flow with { Transport = SipTransport.Wss }).Secure);
        Assert.False(Dialog.AsUas(Request(sips), "t", Flow).Secure);
        Assert.False(Dialog.AsUas(Request(Subscribe), "t", overTls).Secure);
    }

    [Fact]
    public void A_uac_dialog_takes_the_response_record_route_in_reverse_and_its_contact_as_target()
    {
        var invite = Request(
            "INVITE sips:bob@example.com SIP/2.0\r\nVia: SIP/2.0/TLS 192.0.2.1;branch=z9hG4bK-9\r\nMax-Forwards: 70\r\n" +
            "From: <sip:room@example.com>;tag=ours\r\nTo: <sips:bob@example.com>\r\nCall-ID: c2\r\nCSeq: 4 INVITE\r\nContent-Length: 0\r\n\r\n");
        var ok = Response(
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS 192.0.2.1;branch=z9hG4bK-9\r\nRecord-Route: <sip:p2.example.net;lr>\r\n" +
            "Record-Route: <sip:p1.example.com;lr>\r\nFrom: <sip:room@example.com>;tag=ours\r\nTo: <sips:bob@example.com>;tag=theirs\r\n" +
            "Call-ID: c2\r\nCSeq: 4 INVITE\r\nContact: <sips:bob@192.0.2.30>\r\nContent-Length: 0\r\n\r\n");

        var dialog = Dialog.AsUac(invite, ok, null);

        Assert.Equal(("sip:room@example.com", "ours", "sips:bob@example.com", "theirs"), (dialog.LocalUri, dialog.LocalTag, dialog.RemoteUri, dialog.RemoteTag));
        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:p2.example.net;lr>"], dialog.RouteSet.ToArray());
        Assert.Equal("sips:bob@192.0.2.30", dialog.RemoteTarget);
        Assert.Equal((4u, 0u), (dialog.LocalCSeq, dialog.RemoteCSeq));
        Assert.True(dialog.Secure);
    }

    [Fact]
    public void A_request_in_the_dialog_goes_to_the_remote_target_through_loose_routers_with_the_next_cseq()
    {
        var dialog = Dialog.AsUas(Request(Subscribe), "our-tag", Flow);

        var (next, request) = dialog.MakeRequest("NOTIFY", [KeyValuePair.Create("Event", "presence")], "application/pidf+xml", new byte[] { 0x3c });
        var (after, second) = next.MakeRequest("NOTIFY");

        Assert.Equal(("NOTIFY", "sip:bob@192.0.2.20:5060;transport=tcp"), (request.Method, request.RequestUri));
        Assert.Equal(["<sip:p2.example.net:5070;lr>", "<sip:p1.example.com;lr>"], request.Routes);
        Assert.Equal(("<sip:alice@example.com>;tag=our-tag", "<sip:bob@example.com>;tag=bt"), (request.From, request.To));
        Assert.Equal((1u, 2u, 2u), (request.CSeq, second.CSeq, after.LocalCSeq));
        Assert.Equal(17u, after.RemoteCSeq);
    }

    [Fact]
    public void A_usage_may_number_its_own_requests_and_the_local_cseq_never_goes_back()
    {
        var dialog = Dialog.AsUas(Request(Subscribe), "t", Flow);

        var (next, request) = dialog.MakeRequest("NOTIFY", cseq: 40);
        var (after, earlier) = next.MakeRequest("NOTIFY", cseq: 35);

        Assert.Equal((40u, 35u, 40u), (request.CSeq, earlier.CSeq, after.LocalCSeq));
    }

    [Fact]
    public void A_strict_router_first_in_the_route_set_becomes_the_request_uri_and_the_target_goes_last()
    {
        var strict = Subscribe.Replace("Record-Route: <sip:p2.example.net:5070;lr>", "Record-Route: <sip:p2.example.net:5070;method=INVITE>", StringComparison.Ordinal);
        var dialog = Dialog.AsUas(Request(strict), "t", Flow);

        var (_, request) = dialog.MakeRequest("BYE");

        Assert.Equal("sip:p2.example.net:5070", request.RequestUri);
        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:bob@192.0.2.20:5060;transport=tcp>"], request.Routes);
    }

    [Fact]
    public void Without_a_route_set_a_request_has_no_route_and_goes_to_the_target()
    {
        var direct = Subscribe.Replace("Record-Route: <sip:p2.example.net:5070;lr>\r\nRecord-Route: <sip:p1.example.com;lr>\r\n", string.Empty, StringComparison.Ordinal);

        var (_, request) = Dialog.AsUas(Request(direct), "t", Flow).MakeRequest("NOTIFY");

        Assert.Empty(request.Routes);
        Assert.Equal("sip:bob@192.0.2.20:5060;transport=tcp", request.RequestUri);
    }

    [Theory]
    [InlineData(17u, false)]
    [InlineData(16u, false)]
    [InlineData(18u, true)]
    [InlineData(400u, true)]
    public void A_peer_request_is_in_order_only_with_a_higher_cseq(uint cseq, bool inOrder) =>
        Assert.Equal(inOrder, Dialog.AsUas(Request(Subscribe), "t", Flow).InOrder(cseq));

    [Fact]
    public void A_target_refresh_moves_the_remote_target_and_another_request_does_not()
    {
        var dialog = Dialog.AsUas(Request(Subscribe), "t", Flow);
        var refresh = Request(Subscribe.Replace("CSeq: 17", "CSeq: 18", StringComparison.Ordinal)
            .Replace("Contact: <sip:bob@192.0.2.20:5060;transport=tcp>", "Contact: <sip:bob@192.0.2.99:6000>", StringComparison.Ordinal));
        var info = Request(Subscribe.Replace("SUBSCRIBE sip", "INFO sip", StringComparison.Ordinal).Replace("CSeq: 17 SUBSCRIBE", "CSeq: 19 INFO", StringComparison.Ordinal)
            .Replace("Contact: <sip:bob@192.0.2.20:5060;transport=tcp>", "Contact: <sip:bob@192.0.2.77>", StringComparison.Ordinal));

        var refreshed = dialog.Received(refresh);
        var informed = refreshed.Received(info);

        Assert.Equal(("sip:bob@192.0.2.99:6000", 18u), (refreshed.RemoteTarget, refreshed.RemoteCSeq));
        Assert.Equal(("sip:bob@192.0.2.99:6000", 19u), (informed.RemoteTarget, informed.RemoteCSeq));
    }

    [Fact]
    public void The_request_built_from_the_data_is_written_and_read_back_as_sent()
    {
        var (_, data) = Dialog.AsUas(Request(Subscribe), "t", Flow)
            .MakeRequest("NOTIFY", [KeyValuePair.Create("Subscription-State", "active;expires=60")], "application/pidf+xml", "<x/>"u8.ToArray());
        var built = data.ToSipRequest();
        built.Headers.Insert(0, HeaderField.Create(KnownHeader.Via, "SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-x"));

        var read = Request(Encoding.UTF8.GetString(SipMessageWriter.ToBytes(built)));

        Assert.Equal(70, read.MaxForwards);
        Assert.Equal((1u, "NOTIFY"), (read.CSeq!.Number, read.CSeq.Method));
        Assert.Equal("active;expires=60", read.Headers.GetFirstValue("Subscription-State"));
        Assert.Equal("application/pidf+xml", read.ContentType!.ToString());
        Assert.Equal("<x/>", Encoding.UTF8.GetString(read.Body.Span));
        Assert.Equal(2, read.Routes.Count);
    }

    [Fact]
    public void A_request_without_a_body_carries_no_content_type_even_when_one_is_named()
    {
        var (_, data) = Dialog.AsUas(Request(Subscribe), "t", Flow).MakeRequest("NOTIFY", contentType: "application/pidf+xml");

        Assert.False(data.ToSipRequest().Headers.Contains(KnownHeader.ContentType));
    }
}
