using System.Diagnostics;
using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// A node told to stop (SIGTERM, Ctrl+C, <c>cluster leave</c>) drains its SIP edge first: the request it is in the
/// middle of completes, and a new request is answered 503 with Retry-After (RFC 3261 section 21.5.4), not dropped.
/// </summary>
public sealed class GracefulStopTests
{
    [Fact]
    public async Task A_stopping_node_finishes_the_request_under_way_and_answers_new_ones_503_with_retry_after()
    {
        await using var node = await TestNode.StartAsync(auth: false);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var carol = TestPhone.Udp("sip:carol@example.com", node.Udp);
        Assert.Equal(200, (await bob.RegisterAsync(null)).StatusCode);

        // Under way: alice's MESSAGE waits for bob's answer, which bob holds back.
        var sending = alice.MessageAsync("sip:bob@example.com", "are you still there?");
        var delivered = await bob.NextRequestAsync();
        var stopping = node.StopAsync();

        // A new request while the node drains: 503 with Retry-After (polled: the drain starts in a moment).
        SipResponse refused;
        var clock = Stopwatch.StartNew();
        do
        {
            refused = await carol.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>");
        }
        while (refused.StatusCode != 503 && clock.Elapsed < TestNode.Timeout);

        await bob.ReplyAsync(delivered, 200);
        var answered = await sending;
        await stopping.WaitAsync(TestNode.Timeout);

        Assert.Equal(503, refused.StatusCode);
        Assert.Equal("1", refused.Headers.GetFirstValue(KnownHeader.RetryAfter));
        Assert.Equal("are you still there?", Encoding.UTF8.GetString(delivered.Body.Span));
        Assert.Equal(200, answered.StatusCode);
    }
}
