using System.Text;
using SimpleActors.Edge.Presence;
using SimpleActors.Edge.Routing;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Edge.Tests.Routing;

/// <summary>NOTIFYs of our back-end subscriptions (RFC 4662 section 4.2): routed by their To-tag, which is our From-tag.</summary>
public class SipRouterBackendNotifyTests
{
    private static readonly RoutingContext Context = new(["example.com"], ["127.0.0.1"], _ => true);

    private static SipRequest Notify(string? toTag, string @event = "presence", string body = "")
    {
        var to = toTag is null ? "<sip:alice@example.com>" : $"<sip:alice@example.com>;tag={toTag}";
        var text = "NOTIFY sip:127.0.0.1:5060;transport=udp SIP/2.0\r\n" +
                   "Via: SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bK7\r\n" +
                   "Max-Forwards: 70\r\n" +
                   $"To: {to}\r\n" +
                   "From: <sip:dave@peer.test>;tag=peer-tag\r\n" +
                   "Call-ID: k1-0-sub@rls\r\n" +
                   "CSeq: 3 NOTIFY\r\n" +
                   $"Event: {@event}\r\n" +
                   "Subscription-State: active;expires=600\r\n" +
                   "Contact: <sip:presence@192.0.2.7:5070>\r\n" +
                   "Record-Route: <sip:p1.peer.test;lr>\r\n" +
                   (body.Length > 0 ? "Content-Type: application/pidf+xml\r\n" : string.Empty) +
                   $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n" + body;
        var request = (SipRequest)new SipParser().Parse(Encoding.UTF8.GetBytes(text));
        SipMessageValidator.Validate(request);
        return request;
    }

    [Fact]
    public void A_notify_to_a_back_end_tag_goes_to_the_list_subscription_the_tag_names()
        => Assert.Equal(new RouteDecision.BackendNotify("0123456789abcdef"), SipRouter.Route(Notify("0123456789abcdef~k1-0"), Context));

    [Fact]
    public void A_notify_to_any_other_tag_is_481()
        => Assert.Equal(481, Assert.IsType<RouteDecision.Reply>(SipRouter.Route(Notify("0123456789abcdef"), Context)).StatusCode);

    [Fact]
    public void A_notify_of_another_package_to_a_back_end_tag_is_489()
        => Assert.Equal(489, Assert.IsType<RouteDecision.Reply>(SipRouter.Route(Notify("abc~k1-0", "dialog"), Context)).StatusCode);

    [Fact]
    public void A_notify_outside_a_dialog_is_still_405()
        => Assert.Equal(405, Assert.IsType<RouteDecision.Reply>(SipRouter.Route(Notify(null), Context)).StatusCode);

    [Fact]
    public void The_command_carries_what_the_list_subscription_decides_by()
    {
        var command = BackendNotifyHandler.ToCommand(Notify("abc~k1-0", body: "<presence/>"));

        Assert.Equal(("abc", "abc~k1-0", "peer-tag", "k1-0-sub@rls", 3u), (command.SubscriptionId, command.ToTag, command.FromTag, command.CallId, command.CSeq));
        Assert.Equal(("active;expires=600", "application/pidf+xml", "sip:presence@192.0.2.7:5070"), (command.SubscriptionState, command.ContentType, command.Contact));
        Assert.Equal(["<sip:p1.peer.test;lr>"], command.RecordRoutes);
        Assert.Equal("<presence/>", Encoding.UTF8.GetString(command.Body));
    }
}
