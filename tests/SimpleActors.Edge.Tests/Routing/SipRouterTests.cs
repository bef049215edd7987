using System.Text;
using SimpleActors.Edge.Routing;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Edge.Tests.Routing;

public class SipRouterTests
{
    private static readonly RoutingContext Context = new(
        ["example.com"], ["127.0.0.1", "[::1]"], aor => aor is "sip:alice@example.com" or "sip:bob@example.com");

    private static SipRequest Request(string method, string uri, string to = "<sip:bob@example.com>", string? extra = null, string body = "")
    {
        var text = $"{method} {uri} SIP/2.0\r\n" +
                   "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n" +
                   "Max-Forwards: 70\r\n" +
                   $"To: {to}\r\n" +
                   "From: <sip:alice@example.com>;tag=1\r\n" +
                   "Call-ID: c1@192.0.2.1\r\n" +
                   $"CSeq: 1 {method}\r\n" +
                   extra +
                   $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n" + body;
        var request = (SipRequest)new SipParser().Parse(Encoding.UTF8.GetBytes(text));
        SipMessageValidator.Validate(request);
        return request;
    }

    private static RouteDecision.Reply Reply(RouteDecision decision) => Assert.IsType<RouteDecision.Reply>(decision);

    [Fact]
    public void Options_to_our_domain_is_answered_200_with_allow_accept_accept_encoding_and_supported()
    {
        var reply = Reply(SipRouter.Route(Request("OPTIONS", "sip:example.com"), Context));

        // RFC 3261 section 11.2: the content-codings we decode (section 8.2.3) are listed too.
        Assert.Equal(200, reply.StatusCode);
        Assert.Equal([KnownHeader.Allow, KnownHeader.Accept, KnownHeader.AcceptEncoding, KnownHeader.Supported], reply.Headers!.Select(h => h.Id));
        Assert.Contains("MESSAGE", reply.Headers![0].Value, StringComparison.Ordinal);
        Assert.Contains("application/pidf-diff+xml", reply.Headers![1].Value, StringComparison.Ordinal);
        Assert.Equal("identity, deflate", reply.Headers![2].Value);
    }

    [Fact]
    public void Options_to_our_own_address_counts_as_ours()
        => Assert.Equal(200, Reply(SipRouter.Route(Request("OPTIONS", "sip:127.0.0.1:5060"), Context)).StatusCode);

    [Fact]
    public void Options_with_max_forwards_zero_is_still_answered_here()
    {
        var request = Request("OPTIONS", "sip:example.com");
        request.Headers.Set(KnownHeader.MaxForwards, "0");

        Assert.Equal(200, Reply(SipRouter.Route(request, Context)).StatusCode);
    }

    [Fact]
    public void Register_for_a_known_user_goes_to_the_registrar_with_the_canonical_aor()
    {
        var decision = SipRouter.Route(Request("REGISTER", "sip:EXAMPLE.com", "<sip:bob@Example.COM:5060;transport=udp>"), Context);

        Assert.Equal(new RouteDecision.Registrar("sip:bob@example.com"), decision);
    }

    [Fact]
    public void Register_for_an_unknown_user_is_404()
        => Assert.Equal(404, Reply(SipRouter.Route(Request("REGISTER", "sip:example.com", "<sip:mallory@example.com>"), Context)).StatusCode);

    [Fact]
    public void Register_for_a_foreign_domain_is_403()
        => Assert.Equal(403, Reply(SipRouter.Route(Request("REGISTER", "sip:example.com", "<sip:bob@example.org>"), Context)).StatusCode);

    [Fact]
    public void Message_to_a_known_user_goes_to_the_users_location()
        => Assert.Equal(new RouteDecision.UserLocation("sip:bob@example.com"), SipRouter.Route(Request("MESSAGE", "sip:bob@example.com;transport=tcp"), Context));

    [Fact]
    public void Message_to_an_unknown_user_is_404()
        => Assert.Equal(404, Reply(SipRouter.Route(Request("MESSAGE", "sip:nobody@example.com"), Context)).StatusCode);

    [Fact]
    public void Message_with_max_forwards_zero_is_483()
    {
        var request = Request("MESSAGE", "sip:bob@example.com");
        request.Headers.Set(KnownHeader.MaxForwards, "0");

        Assert.Equal(483, Reply(SipRouter.Route(request, Context)).StatusCode);
    }

    [Fact]
    public void Request_for_a_domain_we_do_not_serve_is_403()
        => Assert.Equal(403, Reply(SipRouter.Route(Request("MESSAGE", "sip:bob@example.org"), Context)).StatusCode);

    [Fact]
    public void Unknown_scheme_is_416()
        => Assert.Equal(416, Reply(SipRouter.Route(Request("OPTIONS", "tel:+15551234"), Context)).StatusCode);

    [Fact]
    public void Unknown_method_is_501_and_known_unhandled_method_is_405_both_with_allow()
    {
        var unknown = Reply(SipRouter.Route(Request("FOO", "sip:example.com"), Context));
        var known = Reply(SipRouter.Route(Request("NOTIFY", "sip:bob@example.com", extra: "Event: presence\r\n"), Context));

        Assert.Equal(501, unknown.StatusCode);
        Assert.Equal(405, known.StatusCode);
        Assert.Equal(KnownHeader.Allow, Assert.Single(known.Headers!).Id);
    }

    [Fact]
    public void Require_with_an_unsupported_extension_is_420_listing_it()
    {
        var reply = Reply(SipRouter.Route(Request("OPTIONS", "sip:example.com", extra: "Require: path, 100rel, foo\r\n"), Context));

        Assert.Equal(420, reply.StatusCode);
        Assert.Equal("100rel, foo", Assert.Single(reply.Headers!).Value);
    }

    [Fact]
    public void In_dialog_request_without_a_dialog_is_481()
        => Assert.Equal(481, Reply(SipRouter.Route(Request("MESSAGE", "sip:bob@example.com", "<sip:bob@example.com>;tag=99"), Context)).StatusCode);

    [Fact]
    public void Cancel_goes_to_the_proxy_and_unmatched_ack_is_absorbed()
    {
        Assert.IsType<RouteDecision.Cancel>(SipRouter.Route(Request("CANCEL", "sip:bob@example.com"), Context));
        Assert.IsType<RouteDecision.Absorb>(SipRouter.Route(Request("ACK", "sip:bob@example.com"), Context));
    }

    [Fact]
    public void Publish_of_presence_for_a_user_of_ours_goes_to_the_presentity()
    {
        var request = Request("PUBLISH", "sip:bob@EXAMPLE.com;transport=tcp", extra: "Event: presence\r\nContent-Type: application/pidf+xml\r\n", body: "<presence/>");

        Assert.Equal(new RouteDecision.Presentity("sip:bob@example.com"), SipRouter.Route(request, Context));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Event: dialog\r\n")]
    [InlineData("Event: presence.winfo\r\n")]
    public void Publish_without_the_presence_event_package_is_489_with_allow_events(string extra)
    {
        var reply = Reply(SipRouter.Route(Request("PUBLISH", "sip:bob@example.com", extra: extra), Context));

        Assert.Equal(489, reply.StatusCode);
        var allowEvents = Assert.Single(reply.Headers!);
        Assert.Equal((KnownHeader.AllowEvents, "presence"), (allowEvents.Id, allowEvents.Value));
    }

    [Fact]
    public void Publish_with_a_body_that_is_not_pidf_is_415_with_accept()
    {
        var reply = Reply(SipRouter.Route(
            Request("PUBLISH", "sip:bob@example.com", extra: "Event: presence\r\nContent-Type: text/plain\r\n", body: "online"), Context));

        Assert.Equal(415, reply.StatusCode);
        Assert.Equal("application/pidf+xml, application/pidf-diff+xml", Assert.Single(reply.Headers!).Value);
    }

    [Fact]
    public void Publish_with_a_pidf_diff_body_is_routed_to_the_presentity()
    {
        var decision = SipRouter.Route(
            Request("PUBLISH", "sip:bob@example.com", extra: "Event: presence\r\nContent-Type: application/pidf-diff+xml\r\n", body: "<x/>"), Context);

        Assert.Equal(new RouteDecision.Presentity("sip:bob@example.com"), decision);
    }

    [Theory]
    [InlineData("application/pidf-diff+xml")]
    [InlineData("application/pidf-diff+xml, application/pidf+xml")]
    public void Subscribe_accepting_pidf_diff_is_routed_rfc_5263(string accept)
    {
        var decision = SipRouter.Route(
            Request("SUBSCRIBE", "sip:alice@example.com", "<sip:alice@example.com>", "Event: presence\r\nContact: <sip:bob@192.0.2.1>\r\nAccept: " + accept + "\r\n"), Context);

        Assert.Equal(new RouteDecision.Subscription("sip:alice@example.com", "presence"), decision);
    }

    [Fact]
    public void Publish_for_an_unknown_presentity_is_404_and_for_another_domain_403()
    {
        Assert.Equal(404, Reply(SipRouter.Route(Request("PUBLISH", "sip:nobody@example.com", extra: "Event: presence\r\n"), Context)).StatusCode);
        Assert.Equal(403, Reply(SipRouter.Route(Request("PUBLISH", "sip:bob@example.org", extra: "Event: presence\r\n"), Context)).StatusCode);
    }

    [Fact]
    public void Initial_subscribe_to_presence_of_a_user_of_ours_goes_to_a_new_subscription()
    {
        var request = Request("SUBSCRIBE", "sip:alice@example.com", "<sip:alice@example.com>", "Event: presence\r\nContact: <sip:bob@192.0.2.1>\r\nAccept: application/pidf+xml\r\n");

        Assert.Equal(new RouteDecision.Subscription("sip:alice@example.com", "presence"), SipRouter.Route(request, Context));
    }

    [Fact]
    public void Subscribe_with_a_to_tag_goes_to_the_subscription_the_tag_names()
    {
        var request = Request("SUBSCRIBE", "sip:alice@example.com", "<sip:alice@example.com>;tag=sub42", "Event: presence\r\nContact: <sip:bob@192.0.2.1>\r\n");

        Assert.Equal(new RouteDecision.InDialogSubscription("sub42", "presence"), SipRouter.Route(request, Context));
    }

    [Fact]
    public void Subscribe_to_watcher_information_names_the_winfo_package_and_needs_watcherinfo_accepted()
    {
        const string Winfo = "Event: presence.winfo\r\nContact: <sip:alice@192.0.2.1>\r\n";

        Assert.Equal(
            new RouteDecision.Subscription("sip:alice@example.com", "presence.winfo"),
            SipRouter.Route(Request("SUBSCRIBE", "sip:alice@example.com", "<sip:alice@example.com>", Winfo + "Accept: application/watcherinfo+xml\r\n"), Context));
        var refused = Reply(SipRouter.Route(Request("SUBSCRIBE", "sip:alice@example.com", "<sip:alice@example.com>", Winfo + "Accept: application/pidf+xml\r\n"), Context));
        Assert.Equal(406, refused.StatusCode);
        Assert.Equal("application/watcherinfo+xml", Assert.Single(refused.Headers!).Value);
    }

    [Fact]
    public void Publish_of_watcher_information_is_489_with_only_presence_allowed()
    {
        var reply = Reply(SipRouter.Route(Request("PUBLISH", "sip:alice@example.com", extra: "Event: presence.winfo\r\n"), Context));

        Assert.Equal(489, reply.StatusCode);
        Assert.Equal("presence", Assert.Single(reply.Headers!).Value);
    }

    [Theory]
    [InlineData("Contact: <sip:bob@192.0.2.1>\r\n", 489)]
    [InlineData("Event: presence\r\n", 400)]
    [InlineData("Event: presence\r\nContact: <sip:bob@192.0.2.1>\r\nAccept: text/plain\r\n", 406)]
    public void Subscribe_checks_package_contact_and_accept(string extra, int status)
    {
        var reply = Reply(SipRouter.Route(Request("SUBSCRIBE", "sip:alice@example.com", "<sip:alice@example.com>", extra), Context));

        Assert.Equal(status, reply.StatusCode);
        if (status == 406)
        {
            Assert.Equal("application/pidf+xml", Assert.Single(reply.Headers!).Value);
        }
    }

    [Fact]
    public void Subscribe_accepting_any_application_type_is_routed_and_to_an_unknown_user_is_404()
    {
        const string Extra = "Event: presence\r\nContact: <sip:bob@192.0.2.1>\r\nAccept: application/*\r\n";

        Assert.IsType<RouteDecision.Subscription>(SipRouter.Route(Request("SUBSCRIBE", "sip:alice@example.com", "<sip:alice@example.com>", Extra), Context));
        Assert.Equal(404, Reply(SipRouter.Route(Request("SUBSCRIBE", "sip:nobody@example.com", "<sip:nobody@example.com>", Extra), Context)).StatusCode);
    }
}
