using SimpleActors.Edge.Routing;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Routing;

/// <summary>The router's decisions for INVITE sessions this node answers as a UAS (RFC 3261 sections 12.2.2, 13.3, 9.2).</summary>
public class SipRouterInviteUsageTests
{
    // A usage serves sip:room@example.com; the UAS holds the session with our To tag "s1".
    private static readonly RoutingContext Context = Served(isInviteUsageTarget: uri => uri.User == "room", isInviteSession: tag => tag == "s1");

    private static readonly RoutingContext WithoutUsages = Served();

    private static RoutingContext Served(Func<SipUri, bool>? isInviteUsageTarget = null, Func<string, bool>? isInviteSession = null) =>
        new(["example.com"], ["127.0.0.1"], aor => aor is "sip:bob@example.com", [5060], null, isInviteUsageTarget, isInviteSession);

    private static SipRequest Request(string method, string uri, string? toTag = null, string? extra = null, int maxForwards = 70)
        => TestRequests.Parse(
            $"{method} {uri} SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\nMax-Forwards: {maxForwards}\r\n" +
            "To: <sip:room@example.com>" + (toTag is null ? string.Empty : ";tag=" + toTag) + "\r\n" +
            $"From: <sip:alice@example.com>;tag=1\r\nCall-ID: c1@192.0.2.1\r\nCSeq: 1 {method}\r\n" +
            (method == "SUBSCRIBE" ? "Event: presence\r\nContact: <sip:alice@192.0.2.1>\r\n" : string.Empty) +
            $"{extra}Content-Length: 0\r\n\r\n");

    [Fact]
    public void Invite_to_a_uri_a_usage_serves_goes_to_the_uas_not_the_proxy_even_with_max_forwards_zero()
    {
        Assert.Equal(new RouteDecision.InviteUsage(), SipRouter.Route(Request("INVITE", "sip:room@example.com"), Context));
        Assert.Equal(new RouteDecision.InviteUsage(), SipRouter.Route(Request("INVITE", "sip:room@example.com", maxForwards: 0), Context));
    }

    [Fact]
    public void Invite_to_a_user_is_still_proxied_with_usages_registered()
        => Assert.Equal(new RouteDecision.Proxy("sip:bob@example.com"), SipRouter.Route(Request("INVITE", "sip:bob@example.com"), Context));

    [Fact]
    public void Invite_to_a_served_uri_requiring_an_extension_is_420_as_the_uas_supports_none()
    {
        var reply = Assert.IsType<RouteDecision.Reply>(SipRouter.Route(Request("INVITE", "sip:room@example.com", extra: "Require: 100rel\r\n"), Context));

        Assert.Equal((420, "100rel"), (reply.StatusCode, reply.Headers![0].Value));
    }

    [Fact]
    public void Without_usages_an_invite_to_that_uri_is_404_as_before()
        => Assert.Equal(404, Assert.IsType<RouteDecision.Reply>(SipRouter.Route(Request("INVITE", "sip:room@example.com"), WithoutUsages)).StatusCode);

    [Theory]
    [InlineData("INVITE")]
    [InlineData("ACK")]
    [InlineData("BYE")]
    [InlineData("CANCEL")]
    [InlineData("INFO")]
    [InlineData("UPDATE")]
    [InlineData("MESSAGE")]
    [InlineData("FOO")]
    public void A_request_with_the_to_tag_of_a_uas_session_goes_to_that_session(string method)
        => Assert.Equal(new RouteDecision.InviteSessionRequest("s1"), SipRouter.Route(Request(method, "sip:127.0.0.1:5060", toTag: "s1"), Context));

    [Theory]
    [InlineData("BYE", 481)]
    [InlineData("INFO", 405)]
    public void A_request_with_another_to_tag_is_answered_as_before(string method, int status)
        => Assert.Equal(status, Assert.IsType<RouteDecision.Reply>(SipRouter.Route(Request(method, "sip:127.0.0.1:5060", toTag: "gone"), Context)).StatusCode);

    [Fact]
    public void A_subscribe_with_that_to_tag_names_a_subscription_not_the_session()
        => Assert.IsType<RouteDecision.InDialogSubscription>(SipRouter.Route(Request("SUBSCRIBE", "sip:room@example.com", toTag: "s1"), Context));

    [Fact]
    public void A_dialog_we_record_routed_is_loose_routed_first_whatever_its_to_tag()
    {
        var route = $"Route: <sip:127.0.0.1:5060;transport=udp;lr;sa-rr={Context.RecordRoute.Sign("c1@192.0.2.1", "1")}>\r\n";

        Assert.IsType<RouteDecision.LooseRoute>(SipRouter.Route(Request("BYE", "sip:bob@192.0.2.7:5070", toTag: "s1", extra: route), Context));
    }

    [Fact]
    public void A_cancel_to_a_served_uri_goes_to_the_uas_and_any_other_to_the_proxy()
    {
        Assert.Equal(new RouteDecision.InviteUsageCancel(), SipRouter.Route(Request("CANCEL", "sip:room@example.com"), Context));
        Assert.Equal(new RouteDecision.Cancel(), SipRouter.Route(Request("CANCEL", "sip:bob@example.com"), Context));
        Assert.Equal(new RouteDecision.Cancel(), SipRouter.Route(Request("CANCEL", "sip:room@example.com"), WithoutUsages));
    }
}
