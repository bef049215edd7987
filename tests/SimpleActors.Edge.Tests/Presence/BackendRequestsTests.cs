using System.Net;
using System.Text;
using SimpleActors.Edge.Presence;
using SimpleActors.Engine.Rls;
using SimpleActors.Sip.Dialogs;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Tests.Presence;

/// <summary>Where a back-end SUBSCRIBE goes, and what its response tells the list subscription.</summary>
public class BackendRequestsTests
{
    private static SipRequest Subscribe(string requestUri, params string[] routes) =>
        new OutgoingRequest("SUBSCRIBE", requestUri, routes, "<sip:alice@example.com>;tag=sub~k-0", "<sip:dave@peer.test>", "c@rls", 1, [], null, default).ToSipRequest();

    private static BackendRequests.Resolve Dns(params string[] addresses) => (host, _) =>
        Task.FromResult(host == "peer.test" ? addresses.Select(IPAddress.Parse).ToArray() : []);

    [Fact]
    public async Task The_first_route_wins_over_the_request_uri()
    {
        var destination = await BackendRequests.DestinationAsync(Subscribe("sip:dave@peer.test", "<sip:127.0.0.1:5999;lr>"), Dns());

        Assert.Equal(new SipDestination(SipTransport.Udp, new IPEndPoint(IPAddress.Loopback, 5999)), destination);
    }

    [Fact]
    public async Task An_ip_host_is_used_as_it_is_with_its_transport()
    {
        var destination = await BackendRequests.DestinationAsync(Subscribe("sip:dave@192.0.2.7:5070;transport=tcp"), Dns());

        Assert.Equal(new SipDestination(SipTransport.Tcp, new IPEndPoint(IPAddress.Parse("192.0.2.7"), 5070)), destination);
    }

    [Fact]
    public async Task A_host_name_is_resolved_to_its_a_record_at_the_default_port_ipv4_first()
    {
        var destination = await BackendRequests.DestinationAsync(Subscribe("sip:dave@peer.test"), Dns("2001:db8::1", "192.0.2.9"));
        var none = await BackendRequests.DestinationAsync(Subscribe("sip:dave@elsewhere.test"), Dns("192.0.2.9"));

        Assert.Equal(new SipDestination(SipTransport.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.9"), 5060)), destination);
        Assert.Null(none);
    }

    [Fact]
    public void A_2xx_gives_the_dialog_fields_and_the_expiry_a_423_its_min_expires()
    {
        var send = new SendBackendRequest(new OutgoingRequest(
            "SUBSCRIBE", "sip:dave@peer.test", [], "<sip:alice@example.com>;tag=sub~k-0", "<sip:dave@peer.test>", "c@rls", 4, [], null, default));
        var ok = Response("SIP/2.0 200 OK\r\nTo: <sip:dave@peer.test>;tag=peer\r\nContact: <sip:presence@192.0.2.7:5070>\r\n"
            + "Record-Route: <sip:p2.peer.test;lr>\r\nRecord-Route: <sip:p1.peer.test;lr>\r\nExpires: 600\r\n");
        var brief = Response("SIP/2.0 423 Interval Too Brief\r\nTo: <sip:dave@peer.test>;tag=x\r\nMin-Expires: 1200\r\nRetry-After: 30 (busy)\r\n");

        var answer = BackendRequests.Of(send, ok);
        var refused = BackendRequests.Of(send, brief);

        Assert.Equal(("sub", "sub~k-0", "c@rls", 4u, 200), (answer.SubscriptionId, answer.FromTag, answer.CallId, answer.CSeq, answer.StatusCode));
        Assert.Equal(("peer", "sip:presence@192.0.2.7:5070", 600), (answer.ToTag, answer.Contact, answer.Expires));
        Assert.Equal(["<sip:p2.peer.test;lr>", "<sip:p1.peer.test;lr>"], answer.RecordRoutes);
        Assert.Equal((423, 1200, 30), (refused.StatusCode, refused.MinExpires, refused.RetryAfter));
    }

    private static SipResponse Response(string head)
    {
        var text = head + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\nFrom: <sip:alice@example.com>;tag=sub~k-0\r\nCall-ID: c@rls\r\nCSeq: 4 SUBSCRIBE\r\nContent-Length: 0\r\n\r\n";
        return (SipResponse)new SipParser().Parse(Encoding.UTF8.GetBytes(text));
    }
}
