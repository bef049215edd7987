using SimpleActors.Edge.Proxy;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Proxy;

public class CancelRequestTests
{
    [Fact]
    public void The_cancel_of_a_branch_copies_what_section_9_1_says_with_the_branch_of_the_invite()
    {
        var invite = TestRequests.Parse(
            "INVITE sip:bob@192.0.2.7:5070 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKbranch1\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bKinv1\r\nRoute: <sip:edge.example.net;lr>\r\n" +
            "Max-Forwards: 69\r\nTo: <sip:bob@example.com>\r\nFrom: <sip:alice@example.com>;tag=a1\r\n" +
            "Call-ID: call-1@192.0.2.9\r\nCSeq: 7 INVITE\r\nContact: <sip:alice@192.0.2.9>\r\n" +
            "Content-Type: application/sdp\r\nContent-Length: 3\r\n\r\nv=0");

        var cancel = CancelRequest.For(invite);

        Assert.Equal("CANCEL sip:bob@192.0.2.7:5070 SIP/2.0", cancel.StartLine);
        Assert.Equal("z9hG4bKbranch1", Assert.Single(cancel.Vias).Branch);
        Assert.Equal(7u, cancel.CSeq!.Number);
        Assert.Equal(SipMethod.Cancel, cancel.CSeq.Method);
        Assert.Equal("a1", cancel.From!.Tag);
        Assert.Null(cancel.To!.Tag);
        Assert.Equal("call-1@192.0.2.9", cancel.CallId);
        Assert.Equal(["sip:edge.example.net;lr"], cancel.Routes.Select(r => r.Uri.ToString()));
        Assert.True(cancel.Body.IsEmpty);
    }
}
