using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>Subscriptions on a node whose policy holds every watcher pending and that allows one-second subscriptions.</summary>
public sealed class SubscriptionPolicyTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Presence:Subscription:Policy"] = "Pending",
        ["Presence:Subscription:MinExpires"] = "1",
    });

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static Task<SipResponse> SubscribeAsync(TestPhone watcher, string presentity, int expires) =>
        watcher.RequestAsync(
            "SUBSCRIBE", presentity, $"<{presentity}>", null, TestNode.Passwords[watcher.Aor],
            "Event: presence", $"Contact: <{watcher.ContactUri}>", $"Expires: {expires}");

    [Fact]
    public async Task A_pending_watcher_gets_202_and_a_pending_notify_without_the_presentitys_state()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        await alice.RequestAsync("PUBLISH", alice.Aor, $"<{alice.Aor}>",
            """<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.com"><tuple id="a"><status><basic>open</basic></status><note>secret</note></tuple></presence>""",
            TestNode.Passwords[alice.Aor], "Event: presence", "Content-Type: application/pidf+xml");

        var subscribed = await SubscribeAsync(bob, alice.Aor, 600);
        var notify = await bob.NextRequestAsync();
        await bob.ReplyAsync(notify, 200);

        Assert.Equal(202, subscribed.StatusCode);
        Assert.StartsWith("pending;expires=", notify.Headers.GetFirstValue(KnownHeader.SubscriptionState), StringComparison.Ordinal);
        Assert.True(notify.Body.IsEmpty);
        Assert.DoesNotContain("secret", Encoding.UTF8.GetString(notify.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscription_that_is_not_refreshed_ends_on_time_with_a_final_notify()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);

        // A presentity watching itself is allowed even under the Pending policy.
        var subscribed = await SubscribeAsync(alice, alice.Aor, 2);
        var first = await alice.NextRequestAsync();
        await alice.ReplyAsync(first, 200);
        var started = DateTimeOffset.UtcNow;
        var final = await alice.NextRequestAsync(TimeSpan.FromSeconds(10));
        await alice.ReplyAsync(final, 200);

        Assert.Equal(200, subscribed.StatusCode);
        Assert.StartsWith("active;expires=", first.Headers.GetFirstValue(KnownHeader.SubscriptionState), StringComparison.Ordinal);
        Assert.Equal("terminated;reason=timeout", final.Headers.GetFirstValue(KnownHeader.SubscriptionState));
        Assert.True(final.CSeq!.Number > first.CSeq!.Number);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5));
    }
}
