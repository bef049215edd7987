using SimpleActors.Edge.Proxy;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Proxy;

public class LooseRouteTests
{
    private static bool IsUs(SipUri uri) => uri.Host == "127.0.0.1" && uri.Port is 5060;

    private static SipRequest Bye(string routes) => TestRequests.Parse(
        "BYE sip:bob@192.0.2.7:5070 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bKbye1\r\n" +
        "Max-Forwards: 70\r\nTo: <sip:bob@example.com>;tag=b1\r\nFrom: <sip:alice@example.com>;tag=a1\r\n" +
        "Call-ID: call-1@192.0.2.9\r\nCSeq: 2 BYE\r\n" + routes + "Content-Length: 0\r\n\r\n");

    [Fact]
    public void Our_route_on_top_is_removed_and_the_rest_kept_in_order()
    {
        var request = Bye("Route: <sip:127.0.0.1:5060;transport=udp;lr>, <sip:proxy.example.net;lr>\r\nRoute: <sip:edge.example.net;lr>\r\n");

        var remaining = LooseRoute.RemainingRoutes(request, IsUs);

        // RFC 3261 section 16.4: the value naming us goes; the next Route is where the request goes (16.6 step 7).
        Assert.Equal(["<sip:proxy.example.net;lr>", "<sip:edge.example.net;lr>"], remaining);
        Assert.Equal("proxy.example.net", LooseRoute.NextHop(request, remaining!).Host);
    }

    [Fact]
    public void Both_values_of_a_double_record_route_are_removed_and_the_request_uri_is_next()
    {
        var request = Bye("Route: <sip:127.0.0.1:5060;transport=tcp;lr>\r\nRoute: <sip:127.0.0.1:5060;transport=udp;lr>\r\n");

        var remaining = LooseRoute.RemainingRoutes(request, IsUs);

        // RFC 5658 section 3.3: both of our entries; then the Request-URI (the remote target).
        Assert.Empty(remaining!);
        Assert.Equal("sip:bob@192.0.2.7:5070", LooseRoute.NextHop(request, remaining!).ToString());
    }

    [Fact]
    public void A_request_whose_top_route_is_not_us_or_without_route_is_not_loose_routed_here()
    {
        Assert.Null(LooseRoute.RemainingRoutes(Bye("Route: <sip:127.0.0.1:5070;lr>, <sip:127.0.0.1:5060;lr>\r\n"), IsUs));
        Assert.Null(LooseRoute.RemainingRoutes(Bye(string.Empty), IsUs));
    }

    [Fact]
    public void The_forwarded_copy_keeps_the_request_uri_and_carries_the_remaining_routes_our_via_and_one_hop_less()
    {
        var request = Bye("Route: <sip:127.0.0.1:5060;lr>, <sip:proxy.example.net;lr>\r\n");
        var via = new ViaHeader("UDP", "127.0.0.1", 5060).WithBranch("z9hG4bKours");

        var forwarded = LooseRoute.Forward(request, LooseRoute.RemainingRoutes(request, IsUs)!, via);

        Assert.Equal("sip:bob@192.0.2.7:5070", forwarded.RequestUriText);
        Assert.Equal(["sip:proxy.example.net;lr"], forwarded.Routes.Select(r => r.Uri.ToString()));
        Assert.Equal(["z9hG4bKours", "z9hG4bKbye1"], forwarded.Vias.Select(v => v.Branch!));
        Assert.Equal(69, forwarded.MaxForwards);
        Assert.Equal(2, request.Routes.Count); // the original is untouched
    }
}
