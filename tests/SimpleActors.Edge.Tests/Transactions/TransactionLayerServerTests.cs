using System.Diagnostics.Metrics;
using SimpleActors.Edge.Transactions;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;
using static SimpleActors.Edge.Tests.Transactions.TransactionMessages;

namespace SimpleActors.Edge.Tests.Transactions;

public class TransactionLayerServerTests
{
    private static readonly SipFlow Udp = TestRequests.UdpFlow;

    [Fact]
    public async Task The_time_to_the_first_final_response_is_recorded_once_per_request_by_method()
    {
        var measured = new List<(double Ms, string? Method)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SimpleActors.Edge" && instrument.Name == "simpleactors.sip.server.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            lock (measured)
            {
                measured.Add((value, tags.ToArray().FirstOrDefault(t => t.Key == "method").Value as string));
            }
        });
        listener.Start();
        var (layer, _, _) = NewLayer();
        var request = Incoming(method: "INFO", branch: "z9hG4bKmetrics1");
        layer.Receive(request, Udp);

        await layer.RespondAsync(request, SipResponse.CreateFor(request, 180, toTag: "t"));
        await layer.RespondAsync(request, SipResponse.CreateFor(request, 200, toTag: "t"));
        await layer.RespondAsync(request, SipResponse.CreateFor(request, 200, toTag: "t"));

        // Other tests' layers may record at the same time: this request's is the only INFO, recorded once.
        lock (measured)
        {
            var mine = Assert.Single(measured, m => m.Method == request.Method);
            Assert.InRange(mine.Ms, 0, 5000);
        }
    }

    [Fact]
    public async Task A_retransmission_is_absorbed_and_gets_the_last_response_again()
    {
        var (layer, sender, time) = NewLayer();
        var request = Incoming();

        Assert.Equal(IncomingRequest.New, layer.Receive(request, Udp));
        Assert.Equal(IncomingRequest.Retransmission, layer.Receive(Incoming(), Udp));
        Assert.Empty(sender.Sent); // Trying: absorbed without an answer

        var ok = SipResponse.CreateFor(request, 200, toTag: "t");
        await layer.RespondAsync(request, ok);
        time.Step(TimeSpan.FromSeconds(1));
        Assert.Equal(IncomingRequest.Retransmission, layer.Receive(Incoming(), Udp));

        // The same final response twice, the second from the completed transaction's bytes (section 17.2.2).
        Assert.Equal(2, sender.Messages.Length);
        Assert.All(sender.Messages, m => Assert.Equal(SipMessageWriter.ToBytes(ok), SipMessageWriter.ToBytes(m)));
        Assert.All(sender.Sent, s => Assert.Equal(SipDestination.Back(Udp), s.Destination));
        Assert.Equal(1, layer.ServerCount);
    }

    [Fact]
    public async Task Timer_J_forgets_the_transaction_after_64_T1_on_udp_and_at_once_on_tcp()
    {
        var (layer, _, time) = NewLayer();
        var udp = Incoming(branch: "z9hG4bKudp");
        var tcp = Incoming(branch: "z9hG4bKtcp");
        layer.Receive(udp, Udp);
        layer.Receive(tcp, TcpFlow);

        await layer.RespondAsync(udp, SipResponse.CreateFor(udp, 200, toTag: "t"));
        await layer.RespondAsync(tcp, SipResponse.CreateFor(tcp, 200, toTag: "t"));
        Assert.Equal(1, layer.ServerCount);

        time.Step(TimeSpan.FromMilliseconds(31_900));
        Assert.Equal(1, layer.ServerCount);
        time.Step(TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, layer.ServerCount);

        // The same request now is a new one.
        Assert.Equal(IncomingRequest.New, layer.Receive(Incoming(branch: "z9hG4bKudp"), Udp));
    }

    [Fact]
    public async Task A_non_2xx_to_INVITE_is_retransmitted_by_Timer_G_until_the_ACK_which_is_absorbed()
    {
        var (layer, sender, time) = NewLayer();
        var invite = Incoming(SipMethod.Invite);
        layer.Receive(invite, Udp);
        var busy = SipResponse.CreateFor(invite, 486, toTag: "t");
        await layer.RespondAsync(invite, busy);

        time.Step(TimeSpan.FromSeconds(4));
        Assert.Equal(IncomingRequest.AckAbsorbed, layer.Receive(Incoming(SipMethod.Ack, toTag: "t"), Udp));
        time.Step(TimeSpan.FromSeconds(20));

        Assert.Equal([0, 0.5, 1.5, 3.5], sender.Times());
        Assert.Equal(0, layer.ServerCount); // Timer I (5 s) has ended it
    }

    [Fact]
    public async Task An_RFC_2543_ACK_is_matched_by_the_To_tag_of_the_final_response()
    {
        var (layer, sender, time) = NewLayer();
        var invite = Incoming(SipMethod.Invite, branch: "1234");
        Assert.Equal(IncomingRequest.New, layer.Receive(invite, Udp));
        Assert.Equal(IncomingRequest.Retransmission, layer.Receive(Incoming(SipMethod.Invite, branch: "1234"), Udp));
        await layer.RespondAsync(invite, SipResponse.CreateFor(invite, 404, toTag: "ours"));

        Assert.Equal(IncomingRequest.AckForTransactionUser, layer.Receive(Incoming(SipMethod.Ack, branch: "1234", toTag: "theirs"), Udp));
        Assert.Equal(IncomingRequest.AckAbsorbed, layer.Receive(Incoming(SipMethod.Ack, branch: "1234", toTag: "ours"), Udp));
        time.Step(TimeSpan.FromSeconds(10));

        Assert.Single(sender.Sent); // no Timer G retransmission after the ACK
        Assert.Equal(0, layer.ServerCount);
    }

    [Fact]
    public async Task The_ACK_of_a_2xx_and_an_unknown_ACK_go_to_the_TU_and_Accepted_ends_with_Timer_L()
    {
        var (layer, sender, time) = NewLayer();
        var invite = Incoming(SipMethod.Invite);
        layer.Receive(invite, Udp);
        var ok = SipResponse.CreateFor(invite, 200, toTag: "t");
        await layer.RespondAsync(invite, ok);

        // RFC 6026 section 7.1: Accepted; a copy of the INVITE is absorbed, the TU's 2xx retransmission goes out,
        // and the ACK of the 2xx is the TU's (RFC 3261 section 13.3.1.4).
        Assert.Equal(1, layer.ServerCount);
        Assert.Equal(IncomingRequest.Retransmission, layer.Receive(Incoming(SipMethod.Invite), Udp));
        await layer.RespondAsync(invite, ok);
        Assert.Equal(IncomingRequest.AckForTransactionUser, layer.Receive(Incoming(SipMethod.Ack, toTag: "t"), Udp));
        Assert.Equal(IncomingRequest.AckForTransactionUser, layer.Receive(Incoming(SipMethod.Ack, branch: "z9hG4bKother", toTag: "t"), Udp));
        Assert.Equal(2, sender.Sent.Count);

        time.Step(TimeSpan.FromSeconds(33)); // Timer L = 64*T1, on the wheel
        Assert.Equal(0, layer.ServerCount);
    }

    [Fact]
    public void An_INVITE_the_TU_leaves_unanswered_gets_100_Trying_after_200_ms()
    {
        var (layer, sender, time) = NewLayer();
        layer.Receive(Incoming(SipMethod.Invite), Udp);

        time.Step(TimeSpan.FromMilliseconds(199));
        Assert.Empty(sender.Sent);
        time.Step(TimeSpan.FromMilliseconds(1));

        Assert.Equal(100, Assert.IsType<SipResponse>(Assert.Single(sender.Messages)).StatusCode);
    }

    [Fact]
    public void A_merged_request_is_answered_482_and_its_retransmission_gets_the_482_again()
    {
        var (layer, sender, _) = NewLayer();
        layer.Receive(Incoming(branch: "z9hG4bKpath1"), Udp);

        var merged = Incoming(branch: "z9hG4bKpath2", sentBy: "192.0.2.8:5060");
        Assert.Equal(IncomingRequest.Merged, layer.Receive(merged, Udp));
        Assert.Equal(IncomingRequest.Retransmission, layer.Receive(Incoming(branch: "z9hG4bKpath2", sentBy: "192.0.2.8:5060"), Udp));

        var responses = sender.Messages.Cast<SipResponse>().ToArray();
        Assert.Equal([482, 482], responses.Select(r => r.StatusCode));
        Assert.NotNull(responses[0].To!.Tag);
        Assert.Equal("z9hG4bKpath2", responses[0].TopVia!.Branch);
    }

    [Fact]
    public void A_CANCEL_finds_the_INVITE_it_cancels_while_it_is_pending()
    {
        var (layer, _, _) = NewLayer();
        var invite = Incoming(SipMethod.Invite);
        layer.Receive(invite, Udp);
        var cancel = Incoming(SipMethod.Cancel);

        Assert.Equal(IncomingRequest.New, layer.Receive(cancel, Udp));
        Assert.Same(invite, layer.FindCancelled(cancel));
        Assert.Null(layer.FindCancelled(Incoming(SipMethod.Cancel, branch: "z9hG4bKnone")));
        Assert.Equal(2, layer.ServerCount);
    }

    [Fact]
    public async Task A_transport_error_ends_the_server_transaction()
    {
        var (layer, sender, _) = NewLayer();
        var request = Incoming();
        layer.Receive(request, Udp);
        sender.Failure = new IOException("connection reset");

        await layer.RespondAsync(request, SipResponse.CreateFor(request, 200, toTag: "t"));

        Assert.Equal(0, layer.ServerCount);
    }

    [Fact]
    public async Task A_completed_transaction_ends_when_resending_its_response_fails_and_releases_its_merged_request_entry()
    {
        var (layer, sender, _) = NewLayer();
        var request = Incoming(branch: "z9hG4bKfirst");
        layer.Receive(request, Udp);
        await layer.RespondAsync(request, SipResponse.CreateFor(request, 200, toTag: "t"));
        sender.Failure = new IOException("network unreachable");

        Assert.Equal(IncomingRequest.Retransmission, layer.Receive(Incoming(branch: "z9hG4bKfirst"), Udp));

        // Section 17.2.4: the transport error ends it, so the same request by another path is no longer merged.
        Assert.Equal(0, layer.ServerCount);
        sender.Failure = null;
        Assert.Equal(IncomingRequest.New, layer.Receive(Incoming(branch: "z9hG4bKsecond", sentBy: "192.0.2.8:5060"), Udp));
    }

    [Fact]
    public async Task A_response_without_a_transaction_is_dropped()
    {
        var (layer, sender, _) = NewLayer();
        var request = Incoming();

        await layer.RespondAsync(request, SipResponse.CreateFor(request, 200));

        Assert.Empty(sender.Sent);
    }
}
