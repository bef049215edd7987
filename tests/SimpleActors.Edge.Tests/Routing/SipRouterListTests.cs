using System.Text;
using SimpleActors.Edge.Routing;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Edge.Tests.Routing;

/// <summary>The router's decisions for SUBSCRIBEs to resource lists (RFC 4662 section 4.1, RFC 5367 section 4).</summary>
public sealed class SipRouterListTests
{
    private const string Buddies = "sip:alice-buddies@example.com";
    private const string ListAccept = "Accept: multipart/related, application/rlmi+xml, application/pidf+xml\r\n";

    private static readonly RoutingContext Context = new(["example.com"], ["127.0.0.1"], aor => aor is "sip:alice@example.com" or "sip:bob@example.com")
    {
        ListServiceOwner = uri => uri == Buddies ? "sip:alice@example.com" : null,
        ListCreationUser = "rls",
    };

    private static SipRequest Subscribe(string uri, string extra, string body = "")
    {
        var text = $"SUBSCRIBE {uri} SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\nMax-Forwards: 70\r\nTo: <{uri}>\r\n" +
                   "From: <sip:alice@example.com>;tag=1\r\nCall-ID: c1@192.0.2.1\r\nCSeq: 1 SUBSCRIBE\r\nEvent: presence\r\nContact: <sip:alice@192.0.2.1>\r\n" +
                   extra + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n" + body;
        var request = (SipRequest)new SipParser().Parse(Encoding.UTF8.GetBytes(text));
        SipMessageValidator.Validate(request);
        return request;
    }

    private static RouteDecision.Reply Reply(RouteDecision decision) => Assert.IsType<RouteDecision.Reply>(decision);

    [Fact]
    public void A_subscribe_to_a_service_with_eventlist_is_a_list_subscription_of_the_services_owner()
    {
        var decision = SipRouter.Route(Subscribe("sip:alice-buddies@EXAMPLE.com;transport=udp", "Supported: eventlist\r\n" + ListAccept), Context);

        Assert.Equal(new RouteDecision.ListSubscription(Buddies, "presence", "sip:alice@example.com"), decision);
    }

    [Fact]
    public void Without_eventlist_a_list_is_refused_with_421_and_require_not_taken_for_a_presentity()
    {
        var reply = Reply(SipRouter.Route(Subscribe(Buddies, ListAccept), Context));

        Assert.Equal(421, reply.StatusCode);
        var require = Assert.Single(reply.Headers!);
        Assert.Equal(KnownHeader.Require, require.Id);
        Assert.Equal("eventlist", require.Value);
    }

    [Fact]
    public void A_list_subscriber_that_accepts_no_multipart_related_gets_406_with_what_to_accept()
    {
        var reply = Reply(SipRouter.Route(Subscribe(Buddies, "Supported: eventlist\r\nAccept: application/pidf+xml\r\n"), Context));

        Assert.Equal(406, reply.StatusCode);
        Assert.Contains("multipart/related", Assert.Single(reply.Headers!).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subscriber_that_names_no_accept_takes_the_defaults_and_is_served()
    {
        Assert.IsType<RouteDecision.ListSubscription>(SipRouter.Route(Subscribe(Buddies, "Supported: eventlist\r\n"), Context));
    }

    [Fact]
    public void A_request_contained_list_goes_to_the_rls_uri_with_its_body_type_and_disposition_checked()
    {
        const string Body = """<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list><entry uri="sip:bob@example.com"/></list></resource-lists>""";
        const string Headers = "Supported: eventlist\r\nRequire: recipient-list-subscribe\r\n";

        var accepted = SipRouter.Route(
            Subscribe("sip:rls@example.com", Headers + "Content-Type: application/resource-lists+xml\r\nContent-Disposition: recipient-list\r\n", Body), Context);
        var noBody = Reply(SipRouter.Route(Subscribe("sip:rls@example.com", Headers), Context));
        var wrongType = Reply(SipRouter.Route(Subscribe("sip:rls@example.com", Headers + "Content-Type: text/plain\r\nContent-Disposition: recipient-list\r\n", Body), Context));
        var noDisposition = Reply(SipRouter.Route(Subscribe("sip:rls@example.com", Headers + "Content-Type: application/resource-lists+xml\r\n", Body), Context));

        Assert.Equal(new RouteDecision.ListSubscription("sip:rls@example.com", "presence", null), accepted);
        Assert.Equal(400, noBody.StatusCode);
        Assert.Equal(415, wrongType.StatusCode);
        Assert.Equal("application/resource-lists+xml", Assert.Single(wrongType.Headers!).Value);
        Assert.Equal(415, noDisposition.StatusCode);
    }

    [Fact]
    public void A_uri_that_is_no_list_is_still_a_presentity_and_recipient_list_subscribe_is_supported()
    {
        var plain = SipRouter.Route(Subscribe("sip:bob@example.com", "Supported: eventlist\r\n"), Context);
        var required = SipRouter.Route(Subscribe("sip:bob@example.com", "Require: recipient-list-subscribe\r\n"), Context);

        Assert.Equal(new RouteDecision.Subscription("sip:bob@example.com", "presence"), plain);
        Assert.Equal(new RouteDecision.Subscription("sip:bob@example.com", "presence"), required);
    }
}
