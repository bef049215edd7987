using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SimpleActors.Edge.Proxy;
using SimpleActors.Edge.Tests.Transactions;
using SimpleActors.Edge.Transactions;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;
using static SimpleActors.Edge.Tests.Transactions.TransactionMessages;

namespace SimpleActors.Edge.Tests.Proxy;

/// <summary>
/// The stateful proxy over the real transaction layer, on a fake clock and a recording transport: what goes up to the
/// caller and down the branches (RFC 3261 sections 16.7 to 16.10).
/// </summary>
public sealed class StatefulProxyTests
{
    private static readonly SipDestination Caller = SipDestination.Back(TestRequests.UdpFlow);
    private static readonly SipDestination Phone1 = new(SipTransport.Tcp, IPEndPoint.Parse("192.0.2.31:5060"));
    private static readonly SipDestination Phone2 = new(SipTransport.Tcp, IPEndPoint.Parse("192.0.2.32:5060"));

    private readonly TransactionLayer layer;
    private readonly RecordingTransportSender sender;
    private readonly FakeTimeProvider time;
    private readonly StatefulProxy proxy;
    private readonly RecordRouteSignature signature = RecordRouteSignature.WithRandomKey();
    private readonly SipRequest invite = Incoming(SipMethod.Invite, branch: "z9hG4bKcaller");

    public StatefulProxyTests()
    {
        (layer, sender, time) = NewLayer();
        proxy = new StatefulProxy(layer, t => new ViaHeader(t.ViaName(), "127.0.0.1", 5060), signature, time, NullLogger.Instance, TimeSpan.FromSeconds(10));
        layer.Receive(invite, TestRequests.UdpFlow);
    }

    private Task Fork(params SipDestination[] phones)
        => proxy.ForkAsync(invite, SipTransport.Udp, [.. phones.Select(p => new ProxyTarget($"sip:bob@{p.EndPoint}", [], p))], recordRoute: true);

    /// <summary>Forks to the phones and waits until each has its INVITE; the task returned ends with the forking.</summary>
    private async Task<Task> ForkedTo(params SipDestination[] phones)
    {
        var forking = Fork(phones);
        await Until(() => phones.All(p => SentTo(p, SipMethod.Invite).Length == 1), "forked");
        return forking;
    }

    private SipRequest[] SentTo(SipDestination phone, string method)
        => [.. sender.Sent.Where(s => s.Destination == phone && s.Message is SipRequest r && r.Method == method).Select(s => (SipRequest)s.Message)];

    private int[] Upstream(string method = SipMethod.Invite)
        => [.. sender.Sent.Where(s => s.Destination == Caller && s.Message is SipResponse r && r.CSeq!.Method == method).Select(s => ((SipResponse)s.Message).StatusCode)];

    private void Answer(SipDestination phone, string method, int status)
        => Assert.True(layer.ReceiveResponse(TransactionMessages.Answer(SentTo(phone, method).Single(), status)));

    private static async Task Until(Func<bool> condition, string what)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 10_000, "not " + what);
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task The_first_2xx_goes_up_and_the_other_ringing_branch_is_cancelled()
    {
        var forking = await ForkedTo(Phone1, Phone2);
        Answer(Phone1, SipMethod.Invite, 180);
        Answer(Phone2, SipMethod.Invite, 180);
        Answer(Phone1, SipMethod.Invite, 200);

        // Section 16.7 step 10: the CANCEL of the other branch, with that branch's Via (section 9.1).
        await Until(() => SentTo(Phone2, SipMethod.Cancel).Length == 1, "cancelled");
        Assert.Equal(SentTo(Phone2, SipMethod.Invite)[0].TopVia!.Branch, SentTo(Phone2, SipMethod.Cancel)[0].TopVia!.Branch);
        Answer(Phone2, SipMethod.Cancel, 200);
        Answer(Phone2, SipMethod.Invite, 487);
        await forking;

        // Section 16.2 and 16.7: 100 at once, both 180s, the 200; the 487 stays here and the branch's ACK is ours.
        Assert.Equal([100, 180, 180, 200], Upstream());
        Assert.Single(SentTo(Phone2, SipMethod.Ack));
        Assert.Empty(SentTo(Phone1, SipMethod.Cancel));
        var ok = sender.Sent.Select(s => s.Message).OfType<SipResponse>().Single(r => r.StatusCode == 200);
        Assert.Equal("z9hG4bKcaller", Assert.Single(ok.Vias).Branch); // our Via removed (step 3)
    }

    [Fact]
    public async Task A_second_2xx_and_a_2xx_retransmission_go_up_as_well()
    {
        var forking = await ForkedTo(Phone1, Phone2);
        Answer(Phone1, SipMethod.Invite, 200);
        await Until(() => Upstream().Contains(200), "the first 200 relayed");
        Answer(Phone2, SipMethod.Invite, 200);
        await forking;

        // RFC 3261 section 16.7 step 5 and RFC 6026: every 2xx, also a retransmission matched in Accepted.
        Answer(Phone1, SipMethod.Invite, 200);
        await Until(() => Upstream().Count(s => s == 200) == 3, "three 200s relayed");
        Assert.Equal([100, 200, 200, 200], Upstream());
    }

    [Fact]
    public async Task A_6xx_cancels_the_other_branches_and_is_the_answer()
    {
        var forking = await ForkedTo(Phone1, Phone2);
        Answer(Phone2, SipMethod.Invite, 183);
        Answer(Phone1, SipMethod.Invite, 603);
        await Until(() => SentTo(Phone2, SipMethod.Cancel).Length == 1, "cancelled");
        Answer(Phone2, SipMethod.Invite, 487);
        await forking;

        Assert.Equal([100, 183, 603], Upstream());
    }

    [Fact]
    public async Task A_cancel_from_the_caller_is_answered_cancels_the_branch_and_the_invite_ends_with_487()
    {
        var forking = await ForkedTo(Phone1);
        Answer(Phone1, SipMethod.Invite, 180);
        var cancel = Incoming(SipMethod.Cancel, branch: "z9hG4bKcaller");
        layer.Receive(cancel, TestRequests.UdpFlow);

        await proxy.CancelAsync(cancel);
        await Until(() => SentTo(Phone1, SipMethod.Cancel).Length == 1, "cancelled");
        Answer(Phone1, SipMethod.Invite, 487);
        await forking;

        // Section 16.10: 200 to the CANCEL, 487 to the INVITE, with a To tag of ours.
        Assert.Equal([200], Upstream(SipMethod.Cancel));
        Assert.Equal([100, 180, 487], Upstream());
        Assert.NotNull(sender.Sent.Select(s => s.Message).OfType<SipResponse>().Single(r => r.StatusCode == 487).To!.Tag);
        Assert.Equal(0, proxy.PendingCount);
    }

    [Fact]
    public async Task A_cancel_that_matches_nothing_is_481()
    {
        var cancel = Incoming(SipMethod.Cancel, branch: "z9hG4bKnothing");
        layer.Receive(cancel, TestRequests.UdpFlow);

        await proxy.CancelAsync(cancel);

        Assert.Equal([481], Upstream(SipMethod.Cancel));
    }

    [Fact]
    public async Task Timer_C_cancels_a_ringing_branch_and_gives_up_a_silent_one()
    {
        var forking = await ForkedTo(Phone1, Phone2);
        Answer(Phone1, SipMethod.Invite, 180);

        time.Step(TimeSpan.FromSeconds(10.1)); // Timer C of this test: 10 s (section 16.6 step 11)

        // Section 16.8: CANCEL for the branch that rang; the silent one counts as 408 and gets no CANCEL.
        await Until(() => SentTo(Phone1, SipMethod.Cancel).Length == 1, "cancelled");
        Assert.Empty(SentTo(Phone2, SipMethod.Cancel));
        Answer(Phone1, SipMethod.Invite, 487);
        await forking;

        // The callee's 487 is preferred to the 408 the proxy made up (section 16.7 step 6).
        Assert.Equal([100, 180, 487], Upstream());
    }

    [Fact]
    public async Task With_no_target_the_invite_is_answered_480()
    {
        await Fork();

        Assert.Equal([100, 480], Upstream());
    }

    [Fact]
    public async Task The_forwarded_invite_carries_our_record_route_for_each_side_when_the_transport_changes()
    {
        var forking = await ForkedTo(Phone1);

        // In over UDP, out over TCP (RFC 5658 section 3.3); both values marked with the caller's dialog.
        var recordRoutes = SentTo(Phone1, SipMethod.Invite)[0].RecordRoutes;
        Assert.Equal(
            ["sip:127.0.0.1:5060;transport=tcp;lr", "sip:127.0.0.1:5060;transport=udp;lr"],
            recordRoutes.Select(r => r.Uri.WithoutParameter(RecordRouteSignature.Parameter).ToString()));
        Assert.All(recordRoutes, r => Assert.True(
            signature.Verify(r.Uri.Parameters[RecordRouteSignature.Parameter], invite.CallId, invite.From!.Tag, toTag: null), r.ToString()));
        Answer(Phone1, SipMethod.Invite, 486);
        await forking;
        Assert.Equal([100, 486], Upstream());
    }
}
