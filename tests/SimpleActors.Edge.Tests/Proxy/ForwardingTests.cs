using System.Net;
using SimpleActors.Edge.Proxy;
using SimpleActors.Engine.Registration;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Tests.Proxy;

public class ForwardingTests
{
    private static readonly ViaHeader OurVia = new ViaHeader("UDP", "127.0.0.1", 5060).WithBranch("z9hG4bKours");

    [Fact]
    public void Forwarded_request_targets_the_contact_with_our_via_on_top_and_one_hop_less()
    {
        var original = TestRequests.Message();

        var forwarded = ForwardedRequest.Create(original, "sip:bob@192.0.2.7:5070", [], OurVia);

        Assert.Equal("sip:bob@192.0.2.7:5070", forwarded.RequestUriText);
        Assert.Equal(["z9hG4bKours", "z9hG4bKmsg1"], forwarded.Vias.Select(v => v.Branch!));
        Assert.Equal(69, forwarded.MaxForwards);
        Assert.Empty(forwarded.Routes); // the Route to us is consumed
        Assert.Empty(forwarded.ProxyAuthorization); // credentials for us do not travel on
        Assert.Equal(original.Body.ToArray(), forwarded.Body.ToArray());
        Assert.Equal(70, original.MaxForwards); // the original is untouched
    }

    [Fact]
    public void Path_of_the_binding_becomes_the_route_set()
    {
        var forwarded = ForwardedRequest.Create(TestRequests.Message(), "sip:bob@10.0.0.1", ["<sip:edge1.example.net;lr>", "<sip:edge2.example.net;lr>"], OurVia);

        Assert.Equal(["sip:edge1.example.net;lr", "sip:edge2.example.net;lr"], forwarded.Routes.Select(r => r.Uri.ToString()));
    }

    private static Binding BindingFor(string contact, SipFlow flow)
        => new(contact, DateTimeOffset.MaxValue, null, null, null, [], flow, "c", 1, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Udp_contact_at_the_registering_address_is_reached_at_its_own_port()
    {
        // TestRequests.UdpFlow came from 192.0.2.7:5070; the contact listens on 5071.
        var binding = BindingFor("sip:bob@192.0.2.7:5071", TestRequests.UdpFlow);

        Assert.Equal(new SipDestination(SipTransport.Udp, IPEndPoint.Parse("192.0.2.7:5071")), ForwardedRequest.DestinationFor(binding));
    }

    [Fact]
    public void Contact_behind_nat_or_by_host_name_is_reached_over_the_registering_flow()
    {
        var natted = BindingFor("sip:bob@10.0.0.1:5060", TestRequests.UdpFlow);
        var named = BindingFor("sip:bob@phone.example.net", TestRequests.UdpFlow);

        Assert.Equal(SipDestination.Back(TestRequests.UdpFlow), ForwardedRequest.DestinationFor(natted));
        Assert.Equal(SipDestination.Back(TestRequests.UdpFlow), ForwardedRequest.DestinationFor(named));
    }

    [Fact]
    public void Tcp_connection_from_the_contacts_address_is_reused_and_outbound_clients_get_their_flow()
    {
        var tcpFlow = TestRequests.UdpFlow with { Transport = SipTransport.Tcp, ConnectionId = 9 };
        var overTcp = BindingFor("sip:bob@192.0.2.7:5060;transport=tcp", tcpFlow);
        var outbound = BindingFor("sip:bob@192.0.2.7:5071", TestRequests.UdpFlow) with { SipInstance = "<urn:uuid:1>", RegId = 1 };

        Assert.Equal(new SipDestination(SipTransport.Tcp, IPEndPoint.Parse("192.0.2.7:5060"), tcpFlow), ForwardedRequest.DestinationFor(overTcp));
        Assert.Equal(SipDestination.Back(TestRequests.UdpFlow), ForwardedRequest.DestinationFor(outbound));
    }

    [Fact]
    public void Path_of_the_binding_sends_to_its_first_hop()
    {
        var viaPath = BindingFor("sip:bob@10.0.0.1", TestRequests.UdpFlow) with { Path = ["<sip:192.0.2.50:5080;transport=tcp;lr>"] };

        Assert.Equal(new SipDestination(SipTransport.Tcp, IPEndPoint.Parse("192.0.2.50:5080")), ForwardedRequest.DestinationFor(viaPath));
    }

    [Fact]
    public void Large_request_for_udp_goes_over_tcp_instead() // RFC 3261 section 18.1.1, RFC 3428 section 7
    {
        var udp = new SipDestination(SipTransport.Udp, IPEndPoint.Parse("192.0.2.7:5070"));

        Assert.Equal(udp, ForwardedRequest.ForSize(udp, 1300));
        Assert.Equal(new SipDestination(SipTransport.Tcp, udp.EndPoint), ForwardedRequest.ForSize(udp, 1301));
    }

    [Fact]
    public void Best_response_prefers_6xx_then_the_lowest_class_and_turns_503_into_500()
    {
        static SipResponse R(int status) => new(status);

        Assert.Equal(603, ResponseSelection.Best([R(200), R(603)]).StatusCode);
        Assert.Equal(200, ResponseSelection.Best([R(486), R(200), R(404)]).StatusCode);
        Assert.Equal(407, ResponseSelection.Best([R(404), R(407)]).StatusCode);
        Assert.Equal(500, ResponseSelection.Best([R(503)]).StatusCode);
        Assert.Equal(408, ResponseSelection.Best([R(503), R(408)]).StatusCode);
    }

    [Fact]
    public void Relayed_response_loses_our_via()
    {
        var forwarded = ForwardedRequest.Create(TestRequests.Message(), "sip:bob@10.0.0.1", [], OurVia);
        var answer = SipResponse.CreateFor(forwarded, 200, toTag: "b");

        var relayed = ResponseSelection.WithoutTopVia(answer);

        Assert.Equal(["z9hG4bKmsg1"], relayed.Vias.Select(v => v.Branch!));
        Assert.Equal("b", relayed.To!.Tag);
    }
}
