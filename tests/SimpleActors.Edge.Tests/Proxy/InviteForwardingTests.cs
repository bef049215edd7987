using System.Net;
using SimpleActors.Edge.Proxy;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Tests.Proxy;

public class InviteForwardingTests
{
    private static readonly SipRequest Invite = TestRequests.Parse(
        "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bKinv1\r\n" +
        "Max-Forwards: 70\r\nTo: <sip:bob@example.com>\r\nFrom: <sip:alice@example.com>;tag=a1\r\n" +
        "Call-ID: call-1@192.0.2.9\r\nCSeq: 1 INVITE\r\nRoute: <sip:127.0.0.1;lr>\r\nContact: <sip:alice@192.0.2.9>\r\n" +
        "Proxy-Authorization: Digest username=\"alice\"\r\nContent-Length: 0\r\n\r\n");

    private static SipResponse Response(int status) => SipResponse.CreateFor(Invite, status, toTag: "b1");

    [Theory]
    [InlineData(100, false, BranchVerdict.Drop)]
    [InlineData(180, false, BranchVerdict.Forward)]
    [InlineData(183, true, BranchVerdict.Drop)]
    [InlineData(200, false, BranchVerdict.ForwardAndCancelOthers)]
    [InlineData(200, true, BranchVerdict.Forward)]
    [InlineData(302, false, BranchVerdict.Keep)]
    [InlineData(486, false, BranchVerdict.Keep)]
    [InlineData(486, true, BranchVerdict.Drop)]
    [InlineData(603, false, BranchVerdict.KeepAndCancelOthers)]
    [InlineData(603, true, BranchVerdict.Drop)]
    public void Each_branch_response_is_judged_as_section_16_7_says(int status, bool finalSent, BranchVerdict expected)
        => Assert.Equal(expected, InviteForwarding.Judge(Response(status), finalSent));

    [Fact]
    public void The_best_final_response_is_chosen_unless_the_caller_cancelled()
    {
        var busy = Response(486);
        var timeout = SipResponse.CreateLocal(Invite, 408);

        Assert.Same(busy, InviteForwarding.Best([timeout, busy], cancelled: false));
        Assert.Null(InviteForwarding.Best([busy], cancelled: true)); // 487 by the proxy (section 16.10)
        Assert.Null(InviteForwarding.Best([], cancelled: false));
    }

    [Fact]
    public void The_forwarded_invite_targets_the_contact_with_our_via_and_record_route_and_the_path()
    {
        var target = new ProxyTarget("sip:bob@192.0.2.7:5070", ["<sip:edge.example.net;lr>"], new SipDestination(SipTransport.Udp, IPEndPoint.Parse("192.0.2.7:5070")));
        var via = new ViaHeader("UDP", "127.0.0.1", 5060).WithBranch("z9hG4bKours");

        var forwarded = InviteForwarding.Create(Invite, target, via, ["<sip:127.0.0.1:5060;transport=udp;lr>"]);

        Assert.Equal("sip:bob@192.0.2.7:5070", forwarded.RequestUriText);
        Assert.Equal(["z9hG4bKours", "z9hG4bKinv1"], forwarded.Vias.Select(v => v.Branch!));
        Assert.Equal(["sip:127.0.0.1:5060;transport=udp;lr"], forwarded.RecordRoutes.Select(r => r.Uri.ToString()));
        Assert.Equal(["sip:edge.example.net;lr"], forwarded.Routes.Select(r => r.Uri.ToString())); // our Route consumed, the Path in
        Assert.Equal(69, forwarded.MaxForwards);
        Assert.Empty(forwarded.ProxyAuthorization);
    }
}
