using SimpleActors.Sip.Message;
using static SimpleActors.Edge.Tests.Transactions.TransactionMessages;

namespace SimpleActors.Edge.Tests.Transactions;

public class TransactionLayerConcurrencyTests
{
    private const int Threads = 8;
    private const int PerThread = 500;

    [Fact]
    public async Task Many_client_transactions_from_several_threads_each_get_their_own_response()
    {
        var (layer, sender, _) = NewLayer();

        // The peer answers every request from another thread, echoing its Call-ID.
        sender.OnSend = (message, _) =>
        {
            if (message is SipRequest request)
            {
                ThreadPool.QueueUserWorkItem(_ => layer.ReceiveResponse(Answer(request, 200)));
            }
        };

        var results = await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
        {
            var calls = Enumerable.Range(0, PerThread).Select(i => $"c{t}-{i}").ToArray();
            var responses = await Task.WhenAll(calls.Select(c => layer.SendRequestAsync(Outgoing(callId: c), TcpPeer)));
            return calls.Zip(responses, (call, response) => (Call: call, Response: response));
        })));

        var all = results.SelectMany(r => r).ToArray();
        Assert.Equal(Threads * PerThread, all.Length);
        Assert.All(all, pair =>
        {
            Assert.Equal(200, pair.Response.StatusCode);
            Assert.Equal(pair.Call, pair.Response.CallId);
        });
        Assert.Equal(0, layer.ClientCount);
    }

    [Fact]
    public async Task Many_server_transactions_from_several_threads_with_retransmissions_lose_no_response()
    {
        var (layer, sender, _) = NewLayer();

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                var branch = $"z9hG4bK{t}x{i}";
                var request = Incoming(branch: branch, callId: branch);
                Assert.Equal(Edge.Transactions.IncomingRequest.New, layer.Receive(request, TestRequests.UdpFlow));
                await layer.RespondAsync(request, SipResponse.CreateFor(request, 200, toTag: branch));
                Assert.Equal(Edge.Transactions.IncomingRequest.Retransmission, layer.Receive(Incoming(branch: branch, callId: branch), TestRequests.UdpFlow));
            }
        })));

        // One response and one resend per request, each to its own request.
        var byBranch = sender.Messages.Cast<SipResponse>().GroupBy(r => r.TopVia!.Branch).ToArray();
        Assert.Equal(Threads * PerThread, byBranch.Length);
        Assert.All(byBranch, g => Assert.Equal(2, g.Count()));
        Assert.Equal(Threads * PerThread, layer.ServerCount);
    }
}
