using SimpleActors.Edge.Proxy;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Proxy;

public class RecordRouteTests
{
    private static readonly ViaHeader Udp = new("UDP", "192.0.2.1", 5060);
    private static readonly ViaHeader Tcp = new("TCP", "192.0.2.1", 5060);
    private const string Mark = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void Our_value_names_the_interface_with_its_transport_lr_and_the_mark_of_the_dialog()
        => Assert.Equal("<sip:192.0.2.1:5060;transport=tcp;lr;sa-rr=" + Mark + ">", RecordRoute.For(Tcp, Mark));

    [Fact]
    public void One_value_when_in_and_out_are_the_same_interface()
        => Assert.Equal(["<sip:192.0.2.1:5060;transport=udp;lr;sa-rr=" + Mark + ">"], RecordRoute.Values(Udp, Udp, Mark));

    [Fact]
    public void Two_values_when_the_request_changes_transport_the_callee_side_on_top()
    {
        // RFC 5658 section 3.3: in over UDP, out over TCP; both carry the mark, whichever side reaches us.
        Assert.Equal(
            ["<sip:192.0.2.1:5060;transport=tcp;lr;sa-rr=" + Mark + ">", "<sip:192.0.2.1:5060;transport=udp;lr;sa-rr=" + Mark + ">"],
            RecordRoute.Values(Udp, Tcp, Mark));
    }

    [Fact]
    public void Inserted_values_go_above_the_record_route_already_there()
    {
        var request = TestRequests.Parse(
            "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bKinv1\r\n" +
            "Max-Forwards: 70\r\nTo: <sip:bob@example.com>\r\nFrom: <sip:alice@example.com>;tag=a1\r\n" +
            "Call-ID: call-1@192.0.2.9\r\nCSeq: 1 INVITE\r\nRecord-Route: <sip:edge.example.net;lr>\r\n" +
            "Contact: <sip:alice@192.0.2.9>\r\nContent-Length: 0\r\n\r\n");

        var inserted = RecordRoute.Insert(request, RecordRoute.Values(Udp, Tcp, Mark));

        Assert.Equal(
            ["sip:192.0.2.1:5060;transport=tcp;lr;sa-rr=" + Mark, "sip:192.0.2.1:5060;transport=udp;lr;sa-rr=" + Mark, "sip:edge.example.net;lr"],
            inserted.RecordRoutes.Select(r => r.Uri.ToString()));
        Assert.Single(request.RecordRoutes);
    }
}
