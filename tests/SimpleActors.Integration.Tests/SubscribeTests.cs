using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>SUBSCRIBE/NOTIFY for presence (RFC 6665, RFC 3856) against a real node over UDP and TCP.</summary>
public sealed class SubscribeTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static string Pidf(string entity, string basic, string note) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="{entity}"><tuple id="t1"><status><basic>{basic}</basic></status><note>{note}</note></tuple></presence>""";

    private static Task<SipResponse> PublishAsync(TestPhone phone, string body, string? ifMatch = null)
    {
        string[] headers = ifMatch is null
            ? ["Event: presence", "Expires: 600", "Content-Type: application/pidf+xml"]
            : ["Event: presence", "Expires: 600", "Content-Type: application/pidf+xml", $"SIP-If-Match: {ifMatch}"];
        return phone.RequestAsync("PUBLISH", phone.Aor, $"<{phone.Aor}>", body, TestNode.Passwords[phone.Aor], headers);
    }

    private static Task<SipResponse> SubscribeAsync(TestPhone watcher, string presentity, int expires, string? toTag = null) =>
        watcher.RequestAsync(
            "SUBSCRIBE", presentity, toTag is null ? $"<{presentity}>" : $"<{presentity}>;tag={toTag}", null, TestNode.Passwords[watcher.Aor],
            "Event: presence", "Accept: application/pidf+xml", $"Contact: <{watcher.ContactUri}>", $"Expires: {expires}");

    private static async Task<SipRequest> NotifyAsync(TestPhone watcher, int status = 200)
    {
        var notify = await watcher.NextRequestAsync();
        Assert.Equal("NOTIFY", notify.Method);
        await watcher.ReplyAsync(notify, status);
        return notify;
    }

    private static string Body(SipRequest request) => Encoding.UTF8.GetString(request.Body.Span);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_watcher_gets_the_current_state_at_once_then_every_change_then_a_final_notify(bool tcp)
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var bob = tcp ? await TestPhone.TcpAsync("sip:bob@example.com", node.Tcp) : TestPhone.Udp("sip:bob@example.com", node.Udp);
        var published = await PublishAsync(alice, Pidf(alice.Aor, "open", "at my desk"));

        var subscribed = await SubscribeAsync(bob, alice.Aor, 600);
        var first = await NotifyAsync(bob);
        var modified = await PublishAsync(alice, Pidf(alice.Aor, "closed", "gone home"), published.SipETag);
        var second = await NotifyAsync(bob);
        var unsubscribed = await SubscribeAsync(bob, alice.Aor, 0, subscribed.To!.Tag);
        var last = await NotifyAsync(bob);

        Assert.Equal(200, subscribed.StatusCode);
        Assert.Equal("600", subscribed.Headers.GetFirstValue(KnownHeader.Expires));
        Assert.NotNull(subscribed.Headers.GetFirstValue(KnownHeader.Contact));
        Assert.Equal(subscribed.To!.Tag, first.From!.Tag);
        Assert.Equal(bob.CallId, first.CallId);
        Assert.StartsWith("active;expires=", first.Headers.GetFirstValue(KnownHeader.SubscriptionState), StringComparison.Ordinal);
        Assert.Equal("application/pidf+xml", first.ContentType!.Essence);
        Assert.Contains("at my desk", Body(first), StringComparison.Ordinal);
        Assert.Equal(200, modified.StatusCode);
        Assert.Contains("gone home", Body(second), StringComparison.Ordinal);
        Assert.True(second.CSeq!.Number > first.CSeq!.Number);
        Assert.Equal(200, unsubscribed.StatusCode);
        Assert.Equal("terminated;reason=timeout", last.Headers.GetFirstValue(KnownHeader.SubscriptionState));
        Assert.True(last.CSeq!.Number > second.CSeq!.Number);
        Assert.True(await bob.NoRequestWithinAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task With_nothing_published_the_watcher_sees_a_closed_presentity()
    {
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);

        var subscribed = await SubscribeAsync(bob, "sip:carol@example.com", 600);
        var notify = await NotifyAsync(bob);

        Assert.Equal(200, subscribed.StatusCode);
        Assert.Contains("<basic>closed</basic>", Body(notify), StringComparison.Ordinal);
        Assert.Contains("entity=\"sip:carol@example.com\"", Body(notify), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notify_answered_481_ends_the_subscription_and_later_changes_are_not_sent()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        var published = await PublishAsync(alice, Pidf(alice.Aor, "open", "one"));
        var subscribed = await SubscribeAsync(bob, alice.Aor, 600);

        await NotifyAsync(bob, 481);
        await Task.Delay(300);
        await PublishAsync(alice, Pidf(alice.Aor, "open", "two"), published.SipETag);

        Assert.Equal(200, subscribed.StatusCode);
        Assert.True(await bob.NoRequestWithinAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(481, (await SubscribeAsync(bob, alice.Aor, 600, subscribed.To!.Tag)).StatusCode);
    }

    [Fact]
    public async Task Subscribe_refresh_with_an_unknown_tag_is_481_and_without_the_presence_package_489()
    {
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);

        var unknown = await SubscribeAsync(bob, "sip:alice@example.com", 600, "no-such-subscription");
        var dialog = await bob.RequestAsync(
            "SUBSCRIBE", "sip:alice@example.com", "<sip:alice@example.com>", null, TestNode.Passwords[bob.Aor], "Event: dialog", $"Contact: <{bob.ContactUri}>");

        Assert.Equal(481, unknown.StatusCode);
        Assert.Equal(489, dialog.StatusCode);
    }

    [Fact]
    public async Task A_subscription_survives_a_restart_and_the_next_notify_continues_the_dialog_with_a_higher_cseq()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        var published = await PublishAsync(alice, Pidf(alice.Aor, "open", "before"));
        var subscribed = await SubscribeAsync(bob, alice.Aor, 600);
        var before = await NotifyAsync(bob);

        await node.RestartAsync();
        var modified = await PublishAsync(alice, Pidf(alice.Aor, "closed", "after the restart"), published.SipETag);
        var after = await NotifyAsync(bob);
        var refreshed = await SubscribeAsync(bob, alice.Aor, 600, subscribed.To!.Tag);
        var refreshNotify = await NotifyAsync(bob);

        Assert.Equal(200, modified.StatusCode);
        Assert.Equal((before.CallId, before.From!.Tag), (after.CallId, after.From!.Tag));
        Assert.True(after.CSeq!.Number > before.CSeq!.Number);
        Assert.Contains("after the restart", Body(after), StringComparison.Ordinal);
        Assert.Equal(200, refreshed.StatusCode);
        Assert.True(refreshNotify.CSeq!.Number > after.CSeq!.Number);
    }

    [Fact]
    public async Task One_publish_reaches_every_one_of_fifty_watchers_with_the_new_document()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        var published = await PublishAsync(alice, Pidf(alice.Aor, "open", "start"));
        var watchers = Enumerable.Range(0, 50).Select(_ => TestPhone.Udp("sip:bob@example.com", node.Udp)).ToList();
        try
        {
            var subscribed = await Task.WhenAll(watchers.Select(w => SubscribeAsync(w, alice.Aor, 600)));
            await Task.WhenAll(watchers.Select(w => NotifyAsync(w)));

            await PublishAsync(alice, Pidf(alice.Aor, "closed", "fan-out"), published.SipETag);
            var notified = await Task.WhenAll(watchers.Select(w => NotifyAsync(w)));

            Assert.All(subscribed, r => Assert.Equal(200, r.StatusCode));
            Assert.All(notified, n => Assert.Contains("fan-out", Body(n), StringComparison.Ordinal));
            Assert.Equal(50, notified.Select(n => n.From!.Tag).Distinct().Count());
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                await watcher.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_2xx_to_each_of_many_subscribes_at_once_arrives_before_its_first_notify()
    {
        // Under load the NOTIFY used to overtake the 2xx (RFC 6665 section 4.1.2.4 lets a subscriber cope; SIPp and many
        // phones do not): the edge now holds a dialog's NOTIFY until the 2xx to its SUBSCRIBE has left.
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await PublishAsync(alice, Pidf(alice.Aor, "open", "busy day"));
        var watchers = Enumerable.Range(0, 200).Select(_ => TestPhone.Udp("sip:bob@example.com", node.Udp)).ToList();
        try
        {
            var subscribed = await Task.WhenAll(watchers.Select(w => SubscribeAsync(w, alice.Aor, 600)));
            await Task.WhenAll(watchers.Select(w => NotifyAsync(w)));

            Assert.All(subscribed, r => Assert.Equal(200, r.StatusCode));
            Assert.All(watchers, w =>
            {
                var arrivals = w.Arrivals.Where(a => a is "NOTIFY" || a.EndsWith(" SUBSCRIBE", StringComparison.Ordinal)).ToList();
                Assert.Equal("200 SUBSCRIBE", arrivals.Last(a => a.EndsWith(" SUBSCRIBE", StringComparison.Ordinal)));
                Assert.True(
                    arrivals.IndexOf("200 SUBSCRIBE") < arrivals.IndexOf("NOTIFY"),
                    "arrived in this order: " + string.Join(", ", arrivals));
            });
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                await watcher.DisposeAsync();
            }
        }
    }
}
