using SimpleActors.Sip.Message;
using static SimpleActors.Edge.Tests.Transactions.TransactionMessages;

namespace SimpleActors.Edge.Tests.Transactions;

public class TransactionLayerClientTests
{
    [Fact]
    public async Task Over_udp_the_request_is_retransmitted_and_times_out_with_408_at_32_s()
    {
        var (layer, sender, time) = NewLayer();
        var request = Outgoing();

        var pending = layer.SendRequestAsync(request, UdpPeer);
        time.Step(TimeSpan.FromMilliseconds(31_900));
        Assert.False(pending.IsCompleted);
        time.Step(TimeSpan.FromMilliseconds(100));
        var response = await pending;

        Assert.Equal(408, response.StatusCode);
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], sender.Times());
        Assert.All(sender.Sent, s => Assert.Same(request, s.Message));
        Assert.Equal(0, layer.ClientCount);
    }

    [Fact]
    public async Task Over_tcp_nothing_is_retransmitted_and_the_final_response_ends_the_transaction()
    {
        var (layer, sender, time) = NewLayer();
        var request = Outgoing();

        var pending = layer.SendRequestAsync(request, TcpPeer);
        time.Step(TimeSpan.FromSeconds(10));
        Assert.True(layer.ReceiveResponse(Answer(request, 200)));

        Assert.Equal(200, (await pending).StatusCode);
        Assert.Equal([0.0], sender.Times());
        Assert.Equal(0, layer.ClientCount); // Timer K is zero on TCP
    }

    [Fact]
    public async Task Provisional_responses_are_reported_and_the_final_one_resolves_the_request()
    {
        var (layer, sender, time) = NewLayer();
        var request = Outgoing(SipMethod.Message);
        var progress = new Recorder<SipResponse>();

        var pending = layer.SendRequestAsync(request, UdpPeer, progress);
        Assert.True(layer.ReceiveResponse(Answer(request, 100)));
        Assert.False(pending.IsCompleted);
        time.Step(TimeSpan.FromSeconds(6));
        var ok = Answer(request, 202);
        Assert.True(layer.ReceiveResponse(ok));

        Assert.Same(ok, await pending);
        Assert.Equal([100], progress.Items.Select(r => r.StatusCode));
        // The E armed in Trying fires at 0.5 s; in Proceeding it is re-armed with T2 (RFC 3261 section 17.1.2.2).
        Assert.Equal([0, 0.5, 4.5], sender.Times());

        // Timer K absorbs retransmissions of the final response for T4, then the response is a stray.
        Assert.True(layer.ReceiveResponse(Answer(request, 202)));
        Assert.Equal(1, layer.ClientCount);
        time.Step(TimeSpan.FromSeconds(5));
        Assert.Equal(0, layer.ClientCount);
        Assert.False(layer.ReceiveResponse(Answer(request, 202)));
    }

    [Fact]
    public void A_stray_response_is_not_matched()
    {
        var (layer, _, _) = NewLayer();
        var request = Outgoing();
        _ = layer.SendRequestAsync(request, TcpPeer);

        Assert.False(layer.ReceiveResponse(Answer(Outgoing(), 200)));
        Assert.False(layer.ReceiveResponse(Answer(Outgoing(SipMethod.Subscribe), 200)));
        Assert.Equal(1, layer.ClientCount);
    }

    [Fact]
    public async Task A_transport_error_resolves_the_request_with_503()
    {
        var (layer, sender, _) = NewLayer();
        sender.Failure = new IOException("no route to host");

        var response = await layer.SendRequestAsync(Outgoing(), TcpPeer);

        Assert.Equal(503, response.StatusCode);
        Assert.Equal(0, layer.ClientCount);
    }

    [Fact]
    public async Task An_INVITE_rejected_over_udp_is_acknowledged_and_the_ACK_repeated_for_retransmissions()
    {
        var (layer, sender, time) = NewLayer();
        var invite = Outgoing(SipMethod.Invite, toTag: null);

        var pending = layer.SendRequestAsync(invite, UdpPeer);
        Assert.True(layer.ReceiveResponse(Answer(invite, 486)));
        Assert.Equal(486, (await pending).StatusCode);
        Assert.True(layer.ReceiveResponse(Answer(invite, 486)));

        var acks = sender.Messages.OfType<SipRequest>().Where(r => r.Method == SipMethod.Ack).ToArray();
        Assert.Equal(2, acks.Length);
        Assert.Equal(invite.TopVia!.Branch, acks[0].TopVia!.Branch);
        Assert.Equal("peer", acks[0].To!.Tag);

        time.Step(TimeSpan.FromSeconds(32)); // Timer D
        Assert.Equal(0, layer.ClientCount);
    }

    [Fact]
    public async Task An_INVITE_answered_2xx_passes_later_2xx_to_the_progress_until_Timer_M()
    {
        var (layer, sender, time) = NewLayer();
        var invite = Outgoing(SipMethod.Invite, toTag: null);
        var later = new List<int>();

        var pending = layer.SendRequestAsync(invite, UdpPeer, new SynchronousProgress(r => later.Add(r.StatusCode)));
        Assert.True(layer.ReceiveResponse(Answer(invite, 180)));
        Assert.True(layer.ReceiveResponse(Answer(invite, 200)));
        Assert.Equal(200, (await pending).StatusCode);

        // RFC 6026 section 7.2: the retransmitted 2xx matches the transaction in Accepted and goes to the TU (a proxy relays it).
        Assert.True(layer.ReceiveResponse(Answer(invite, 200)));
        Assert.Equal([180, 200], later);
        Assert.DoesNotContain(sender.Messages.OfType<SipRequest>(), r => r.Method == SipMethod.Ack);
        Assert.Equal(1, layer.ClientCount);

        time.Step(TimeSpan.FromSeconds(33)); // Timer M
        Assert.Equal(0, layer.ClientCount);
        Assert.False(layer.ReceiveResponse(Answer(invite, 200)));
    }

    private sealed class SynchronousProgress(Action<SipResponse> report) : IProgress<SipResponse>
    {
        public void Report(SipResponse value) => report(value);
    }

    [Fact]
    public async Task Cancelling_stops_waiting_and_forgets_the_transaction()
    {
        var (layer, sender, time) = NewLayer();
        using var cts = new CancellationTokenSource();

        var pending = layer.SendRequestAsync(Outgoing(), UdpPeer, ct: cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Equal(0, layer.ClientCount);
        time.Step(TimeSpan.FromSeconds(10));
        Assert.Single(sender.Sent);
    }

    [Fact]
    public async Task A_request_without_a_magic_cookie_branch_or_an_ACK_is_refused()
    {
        var (layer, _, _) = NewLayer();
        var request = Outgoing();
        request.Headers.Set(KnownHeader.Via, "SIP/2.0/UDP 198.51.100.1;branch=1234");

        await Assert.ThrowsAsync<ArgumentException>(() => layer.SendRequestAsync(request, UdpPeer));
        await Assert.ThrowsAsync<ArgumentException>(() => layer.SendRequestAsync(Outgoing(SipMethod.Ack), UdpPeer));
    }

    [Fact]
    public async Task The_same_branch_and_method_cannot_be_sent_twice_at_once()
    {
        var (layer, _, _) = NewLayer();
        var request = Outgoing();
        _ = layer.SendRequestAsync(request, UdpPeer);

        await Assert.ThrowsAsync<InvalidOperationException>(() => layer.SendRequestAsync(request, UdpPeer));
    }
}
