using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// Subscriptions that sleep when idle (Presence:Subscription:IdleTimeout) on a real node with its shard regions:
/// a sleeping subscription is woken by a change of state and by its own expiry, and keeps its dialog.
/// </summary>
public sealed class SleepingSubscriptionTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Presence:Subscription:IdleTimeout"] = "00:00:00.500",
        ["Presence:Subscription:MinExpires"] = "1",
    });

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static async Task<SipRequest> NotifyAsync(TestPhone watcher, TimeSpan? within = null)
    {
        var notify = await watcher.NextRequestAsync(within);
        Assert.Equal("NOTIFY", notify.Method);
        await watcher.ReplyAsync(notify, 200);
        return notify;
    }

    [Fact]
    public async Task A_sleeping_subscription_is_woken_by_a_change_and_by_its_expiry_in_the_same_dialog()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        var subscribed = await bob.RequestAsync(
            "SUBSCRIBE", alice.Aor, $"<{alice.Aor}>", null, TestNode.Passwords[bob.Aor],
            "Event: presence", $"Contact: <{bob.ContactUri}>", "Expires: 4");
        var subscribedAt = DateTimeOffset.UtcNow;
        var first = await NotifyAsync(bob);

        await Task.Delay(TimeSpan.FromSeconds(1.5)); // idle for three idle timeouts: asleep
        await alice.RequestAsync(
            "PUBLISH", alice.Aor, $"<{alice.Aor}>",
            """<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.com"><tuple id="a"><status><basic>open</basic></status><note>woke you</note></tuple></presence>""",
            TestNode.Passwords[alice.Aor], "Event: presence", "Content-Type: application/pidf+xml");
        var changed = await NotifyAsync(bob);
        var final = await NotifyAsync(bob);
        var endedAt = DateTimeOffset.UtcNow;

        Assert.Equal(200, subscribed.StatusCode);
        Assert.Contains("woke you", Encoding.UTF8.GetString(changed.Body.Span), StringComparison.Ordinal);
        Assert.Equal([first.CSeq!.Number + 1, first.CSeq.Number + 2], new[] { changed.CSeq!.Number, final.CSeq!.Number });
        Assert.All(new[] { changed, final }, n => Assert.Equal(subscribed.To!.Tag, n.From!.Tag));
        Assert.Equal("terminated;reason=timeout", final.Headers.GetFirstValue(KnownHeader.SubscriptionState));

        // The final NOTIFY comes at the expiry (4 s), woken then although the subscription slept in between: not
        // before it, and within the wake-up's journal read and the NOTIFY's round trip after it. The upper bound
        // leaves 4 s for those because the suite runs its nodes in parallel on 2 cores (6.1 s was seen in CI).
        Assert.InRange((endedAt - subscribedAt).TotalSeconds, 3.5, 8);
    }
}
