using System.Diagnostics.Metrics;
using SimpleActors.Edge.Transactions;
using SimpleActors.Sip.Message;
using static SimpleActors.Edge.Tests.Transactions.TransactionMessages;
using SimpleActors.Tests.Shared;

namespace SimpleActors.Edge.Tests;

/// <summary>What the edge measures (meter SimpleActors.Edge), through the real transaction layer on a fake clock.</summary>
[Collection(MetricsRunAlone.Name)]
public sealed class EdgeMetricsTests : IDisposable
{
    private readonly MetricRecorder metrics = new(EdgeMetrics.MeterName);

    public void Dispose() => metrics.Dispose();

    [Fact]
    public async Task A_response_the_server_sends_is_counted_by_method_status_and_direction()
    {
        var (layer, _, _) = NewLayer();
        var request = Incoming(SipMethod.Message, branch: "z9hG4bKmetrics1");
        Assert.Equal(IncomingRequest.New, layer.Receive(request, TestRequests.UdpFlow));

        await layer.RespondAsync(request, SipResponse.CreateFor(request, 202, toTag: "m1"));
        layer.Receive(request, TestRequests.UdpFlow); // a retransmission: answered again, not counted again

        var sent = Assert.Single(metrics.Of("sip.responses"));
        Assert.Equal(1, sent.Value);
        Assert.Equal((SipMethod.Message, (object?)202, EdgeMetrics.Sent), (sent.Tags["method"], sent.Tags["status"], sent.Tags["direction"]));
    }

    [Fact]
    public async Task A_client_transaction_that_gets_no_answer_counts_a_client_timeout()
    {
        var (layer, _, time) = NewLayer();

        var pending = layer.SendRequestAsync(Outgoing(SipMethod.Notify), UdpPeer);
        time.Step(TimeSpan.FromSeconds(32)); // Timer F, 64*T1 (RFC 3261 section 17.1.2.2)
        Assert.Equal(408, (await pending).StatusCode);

        var timeout = Assert.Single(metrics.Of("sip.transaction.timeouts"));
        Assert.Equal((SipMethod.Notify, EdgeMetrics.ClientTimeout), (timeout.Tags["method"], timeout.Tags["kind"]));
    }

    [Fact]
    public void A_method_this_server_does_not_know_is_counted_as_other()
    {
        EdgeMetrics.RequestReceived(SipMethod.Register);
        EdgeMetrics.RequestReceived("FROBNICATE");
        EdgeMetrics.ResponseReceived("register", 200); // methods are case-sensitive (RFC 3261 section 7.1)

        Assert.Equal([SipMethod.Register, EdgeMetrics.OtherMethod], metrics.Of("sip.requests").Select(m => m.Tags["method"]));
        Assert.Equal(EdgeMetrics.OtherMethod, Assert.Single(metrics.Of("sip.responses")).Tags["method"]);
    }

    [Fact]
    public void Status_codes_are_boxed_once()
    {
        Assert.Same(EdgeMetrics.StatusTag(200), EdgeMetrics.StatusTag(200));
        Assert.Equal(699, EdgeMetrics.StatusTag(699));
        Assert.Equal("other", EdgeMetrics.StatusTag(700));
    }

    [Fact]
    public void Counting_a_request_or_a_response_allocates_nothing_while_a_listener_records()
    {
        metrics.Dispose(); // this test's own listener, which keeps nothing, is the only one
        long heard = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EdgeMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => heard += value);
        listener.Start();
        Count(); // first calls: static initialization, JIT

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Count();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(heard >= 3003);

        static void Count()
        {
            EdgeMetrics.RequestReceived(SipMethod.Subscribe);
            EdgeMetrics.ResponseSent(SipMethod.Subscribe, 202);
            EdgeMetrics.ResponseReceived(SipMethod.Notify, 481);
        }
    }
}
