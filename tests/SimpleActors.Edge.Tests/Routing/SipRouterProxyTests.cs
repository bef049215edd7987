using SimpleActors.Edge.Proxy;
using SimpleActors.Edge.Routing;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Routing;

/// <summary>The router's proxy decisions: INVITE, loose routing inside dialogs, CANCEL (RFC 3261 section 16).</summary>
public class SipRouterProxyTests
{
    private static readonly RecordRouteSignature Signature = RecordRouteSignature.WithRandomKey();

    private static readonly RoutingContext Context = new(
        ["example.com"], ["127.0.0.1"], aor => aor is "sip:alice@example.com" or "sip:bob@example.com", [5060], Signature);

    // The mark of the dialog of Request's Call-ID and From tag, as our Record-Route carried it.
    private static readonly string Mark = ";sa-rr=" + Signature.Sign("c1@192.0.2.1", "1");

    private static SipRequest Request(string method, string uri, string? toTag = null, string? extra = null, int maxForwards = 70)
        => TestRequests.Parse(
            $"{method} {uri} SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\nMax-Forwards: {maxForwards}\r\n" +
            "To: <sip:bob@example.com>" + (toTag is null ? string.Empty : ";tag=" + toTag) + "\r\n" +
            $"From: <sip:alice@example.com>;tag=1\r\nCall-ID: c1@192.0.2.1\r\nCSeq: 1 {method}\r\n{extra}Content-Length: 0\r\n\r\n");

    private static readonly string RouteToUs = $"Route: <sip:127.0.0.1:5060;transport=udp;lr{Mark}>\r\n";

    private const string UnmarkedRouteToUs = "Route: <sip:127.0.0.1:5060;transport=udp;lr>\r\n";

    [Fact]
    public void Invite_to_a_user_of_ours_is_proxied_even_with_a_route_to_us()
    {
        Assert.Equal(new RouteDecision.Proxy("sip:bob@example.com"), SipRouter.Route(Request("INVITE", "sip:bob@example.com"), Context));
        Assert.Equal(new RouteDecision.Proxy("sip:bob@example.com"), SipRouter.Route(Request("INVITE", "sip:bob@example.com", extra: RouteToUs), Context));
    }

    [Fact]
    public void Invite_requiring_an_extension_is_proxied_as_require_is_for_the_callee()
        => Assert.Equal(new RouteDecision.Proxy("sip:bob@example.com"), SipRouter.Route(Request("INVITE", "sip:bob@example.com", extra: "Require: 100rel\r\n"), Context));

    [Fact]
    public void Invite_to_an_unknown_user_is_404_and_with_no_hops_left_483()
    {
        Assert.Equal(404, Assert.IsType<RouteDecision.Reply>(SipRouter.Route(Request("INVITE", "sip:nobody@example.com"), Context)).StatusCode);
        Assert.Equal(483, Assert.IsType<RouteDecision.Reply>(SipRouter.Route(Request("INVITE", "sip:bob@example.com", maxForwards: 0), Context)).StatusCode);
    }

    [Theory]
    [InlineData("BYE")]
    [InlineData("ACK")]
    [InlineData("INVITE")]
    [InlineData("UPDATE")]
    [InlineData("INFO")]
    [InlineData("NOTIFY")]
    [InlineData("REFER")]
    [InlineData("FOO")]
    public void In_dialog_request_with_our_route_goes_on_to_the_remote_target(string method)
    {
        var decision = SipRouter.Route(Request(method, "sip:bob@192.0.2.7:5070", toTag: "b1", extra: RouteToUs), Context);

        Assert.Equal([], Assert.IsType<RouteDecision.LooseRoute>(decision).Routes);
    }

    [Fact]
    public void In_dialog_request_keeps_the_routes_after_ours_including_a_double_record_route()
    {
        var request = Request("BYE", "sip:bob@192.0.2.7:5070", toTag: "b1",
            extra: $"Route: <sip:127.0.0.1:5060;transport=tcp;lr{Mark}>, <sip:127.0.0.1:5060;transport=udp;lr{Mark}>, <sip:192.0.2.50;lr>\r\n");

        Assert.Equal(["<sip:192.0.2.50;lr>"], Assert.IsType<RouteDecision.LooseRoute>(SipRouter.Route(request, Context)).Routes);
    }

    [Theory]
    [InlineData("BYE")]
    [InlineData("MESSAGE")]
    [InlineData("INVITE")]
    [InlineData("ACK")]
    [InlineData("FOO")]
    public void In_dialog_request_whose_route_to_us_has_no_mark_is_not_forwarded(string method)
    {
        // Not a dialog we record-routed: a Route with our address alone does not make us a relay (403; an ACK dropped).
        Assert.IsType<RouteDecision.UnsignedRoute>(SipRouter.Route(Request(method, "sip:bob@192.0.2.7:5070", toTag: "b1", extra: UnmarkedRouteToUs), Context));
    }

    [Fact]
    public void In_dialog_request_with_the_mark_of_another_dialog_or_another_key_is_not_forwarded()
    {
        var otherDialog = $"Route: <sip:127.0.0.1:5060;lr;sa-rr={Signature.Sign("c2@192.0.2.1", "1")}>\r\n";
        var otherKey = $"Route: <sip:127.0.0.1:5060;lr;sa-rr={RecordRouteSignature.WithRandomKey().Sign("c1@192.0.2.1", "1")}>\r\n";

        Assert.IsType<RouteDecision.UnsignedRoute>(SipRouter.Route(Request("BYE", "sip:bob@192.0.2.7:5070", toTag: "b1", extra: otherDialog), Context));
        Assert.IsType<RouteDecision.UnsignedRoute>(SipRouter.Route(Request("BYE", "sip:bob@192.0.2.7:5070", toTag: "b1", extra: otherKey), Context));
    }

    [Fact]
    public void In_dialog_request_of_the_callee_with_the_tags_swapped_goes_on()
    {
        var fromCallee = TestRequests.Parse(
            "BYE sip:alice@192.0.2.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bK2\r\nMax-Forwards: 70\r\n" +
            "To: <sip:alice@example.com>;tag=1\r\nFrom: <sip:bob@example.com>;tag=b1\r\nCall-ID: c1@192.0.2.1\r\nCSeq: 1 BYE\r\n" +
            RouteToUs + "Content-Length: 0\r\n\r\n");

        Assert.IsType<RouteDecision.LooseRoute>(SipRouter.Route(fromCallee, Context));
    }

    [Fact]
    public void In_dialog_subscribe_to_us_with_an_unmarked_route_is_still_ours()
    {
        // A refresh of one of our subscriptions: the Request-URI is us, so the router's own rules apply, not the proxy's.
        var refresh = Request("SUBSCRIBE", "sip:127.0.0.1:5060", toTag: "s1",
            extra: UnmarkedRouteToUs + "Event: presence\r\nContact: <sip:alice@192.0.2.1:5060>\r\nExpires: 600\r\n");

        Assert.IsType<RouteDecision.InDialogSubscription>(SipRouter.Route(refresh, Context));
    }

    [Fact]
    public void In_dialog_request_without_our_route_or_with_another_port_is_still_481()
    {
        Assert.Equal(481, Assert.IsType<RouteDecision.Reply>(SipRouter.Route(Request("BYE", "sip:bob@192.0.2.7:5070", toTag: "b1"), Context)).StatusCode);
        Assert.Equal(481, Assert.IsType<RouteDecision.Reply>(
            SipRouter.Route(Request("BYE", "sip:bob@192.0.2.7:5070", toTag: "b1", extra: "Route: <sip:127.0.0.1:5070;lr>\r\n"), Context)).StatusCode);
    }

    [Fact]
    public void In_dialog_request_routed_to_us_with_us_as_target_follows_the_rules_for_requests_to_us()
        => Assert.Equal(481, Assert.IsType<RouteDecision.Reply>(
            SipRouter.Route(Request("MESSAGE", "sip:127.0.0.1:5060", toTag: "b1", extra: RouteToUs), Context)).StatusCode);

    [Fact]
    public void In_dialog_request_with_no_hops_left_is_483_and_such_an_ack_is_dropped()
    {
        Assert.Equal(483, Assert.IsType<RouteDecision.Reply>(
            SipRouter.Route(Request("BYE", "sip:bob@192.0.2.7:5070", toTag: "b1", extra: RouteToUs, maxForwards: 0), Context)).StatusCode);
        Assert.IsType<RouteDecision.Absorb>(SipRouter.Route(Request("ACK", "sip:bob@192.0.2.7:5070", toTag: "b1", extra: RouteToUs, maxForwards: 0), Context));
    }

    [Fact]
    public void Cancel_goes_to_the_proxy_even_with_our_route_and_bye_outside_a_dialog_is_481()
    {
        Assert.IsType<RouteDecision.Cancel>(SipRouter.Route(Request("CANCEL", "sip:bob@example.com", extra: RouteToUs), Context));
        Assert.Equal(481, Assert.IsType<RouteDecision.Reply>(SipRouter.Route(Request("BYE", "sip:bob@example.com"), Context)).StatusCode);
    }

    [Fact]
    public void Allow_lists_invite_ack_cancel_and_bye()
    {
        var allow = Assert.Single(Assert.IsType<RouteDecision.Reply>(SipRouter.Route(Request("PRACK", "sip:bob@example.com"), Context)).Headers!);

        Assert.Equal(405, Assert.IsType<RouteDecision.Reply>(SipRouter.Route(Request("PRACK", "sip:bob@example.com"), Context)).StatusCode);
        Assert.Equal(["INVITE", "ACK", "CANCEL", "BYE"], HeaderValueList.Split(allow.Value).Where(m => m is "INVITE" or "ACK" or "CANCEL" or "BYE"));
    }
}
