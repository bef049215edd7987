using SimpleActors.Node.Commands;
using SimpleActors.Presence;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// Watcher information (RFC 3857, RFC 3858) over real sockets: the presentity's owner sees its watchers subscribe,
/// get approved and leave, full state first and then partial documents with versions 0, 1, 2, ...; nobody else may
/// subscribe to it.
/// </summary>
public sealed class WatcherInfoTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Presence:Subscription:Policy"] = "Pending",
    });

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static Task<SipResponse> SubscribeWinfoAsync(TestPhone owner, string presentity, int expires, string? toTag = null) =>
        owner.RequestAsync(
            "SUBSCRIBE", presentity, toTag is null ? $"<{presentity}>" : $"<{presentity}>;tag={toTag}", null, TestNode.Passwords[owner.Aor],
            "Event: presence.winfo", "Accept: application/watcherinfo+xml", $"Contact: <{owner.ContactUri}>", $"Expires: {expires}");

    private static Task<SipResponse> SubscribePresenceAsync(TestPhone watcher, string presentity, int expires, string? toTag = null) =>
        watcher.RequestAsync(
            "SUBSCRIBE", presentity, toTag is null ? $"<{presentity}>" : $"<{presentity}>;tag={toTag}", null, TestNode.Passwords[watcher.Aor],
            "Event: presence", $"Contact: <{watcher.ContactUri}>", $"Expires: {expires}");

    private static async Task<SipRequest> NotifyAsync(TestPhone phone)
    {
        var notify = await phone.NextRequestAsync();
        Assert.Equal("NOTIFY", notify.Method);
        await phone.ReplyAsync(notify, 200);
        return notify;
    }

    private static async Task<WatcherInfoDocument> WinfoAsync(TestPhone owner)
    {
        var notify = await NotifyAsync(owner);
        Assert.Equal("presence.winfo", notify.Event!.EventType);
        Assert.Equal(WatcherInfo.ContentType, notify.ContentType!.Essence);
        return WatcherInfo.Parse(notify.Body.Span);
    }

    [Fact]
    public async Task The_owner_sees_watchers_subscribe_get_approved_and_leave_in_numbered_partial_documents()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);

        var winfo = await SubscribeWinfoAsync(alice, alice.Aor, 600);
        var empty = await WinfoAsync(alice);

        var watching = await SubscribePresenceAsync(bob, alice.Aor, 600);
        await NotifyAsync(bob);
        var subscribed = await WinfoAsync(alice);

        using var output = new StringWriter();
        using var error = new StringWriter();
        await PresenceCommand.AuthorizeAsync(node.Admin, TestNode.AdminToken, alice.Aor, bob.Aor, "allow", output, error, CancellationToken.None);
        await NotifyAsync(bob);
        var approved = await WinfoAsync(alice);

        await SubscribePresenceAsync(bob, alice.Aor, 0, watching.To!.Tag);
        await NotifyAsync(bob);
        var left = await WinfoAsync(alice);

        var refreshed = await SubscribeWinfoAsync(alice, alice.Aor, 600, winfo.To!.Tag);
        var full = await WinfoAsync(alice);

        Assert.Equal(200, winfo.StatusCode);
        Assert.Equal(202, watching.StatusCode);
        Assert.Equal(200, refreshed.StatusCode);
        Assert.Equal([0L, 1, 2, 3, 4], new[] { empty, subscribed, approved, left, full }.Select(d => d.Version));
        Assert.Equal(WatcherInfoState.Full, empty.State);
        var list = Assert.Single(empty.Lists);
        Assert.Equal(("sip:alice@example.com", "presence"), (list.Resource, list.Package));
        Assert.Empty(list.Watchers);

        var bobId = watching.To!.Tag!;
        Assert.Equal(
            (WatcherInfoState.Partial, bobId, "sip:bob@example.com", WatcherStatus.Pending, WatcherEvent.Subscribed),
            Describe(subscribed));
        Assert.Equal((WatcherInfoState.Partial, bobId, "sip:bob@example.com", WatcherStatus.Active, WatcherEvent.Approved), Describe(approved));
        Assert.Equal((WatcherInfoState.Partial, bobId, "sip:bob@example.com", WatcherStatus.Terminated, WatcherEvent.Timeout), Describe(left));
        Assert.Equal(WatcherInfoState.Full, full.State);
        Assert.Empty(Assert.Single(full.Lists).Watchers);
    }

    [Fact]
    public async Task A_new_winfo_subscription_gets_the_current_watchers_in_full_and_a_block_shows_as_rejected()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        await using var carol = TestPhone.Udp("sip:carol@example.com", node.Udp);
        var bobWatching = await SubscribePresenceAsync(bob, alice.Aor, 600);
        await NotifyAsync(bob);
        var carolWatching = await SubscribePresenceAsync(carol, alice.Aor, 600);
        await NotifyAsync(carol);

        await SubscribeWinfoAsync(alice, alice.Aor, 600);
        var full = await WinfoAsync(alice);
        using var output = new StringWriter();
        using var error = new StringWriter();
        await PresenceCommand.AuthorizeAsync(node.Admin, TestNode.AdminToken, alice.Aor, carol.Aor, "block", output, error, CancellationToken.None);
        await NotifyAsync(carol);
        var rejected = await WinfoAsync(alice);

        Assert.Equal((0L, WatcherInfoState.Full), (full.Version, full.State));
        var watchers = Assert.Single(full.Lists).Watchers;
        Assert.Equal(
            new[] { (bobWatching.To!.Tag!, "sip:bob@example.com"), (carolWatching.To!.Tag!, "sip:carol@example.com") }.Order().ToList(),
            watchers.Select(w => (w.Id, w.Uri)).Order().ToList());
        Assert.All(watchers, w => Assert.Equal((WatcherStatus.Pending, WatcherEvent.Subscribed), (w.Status, w.Event)));
        Assert.Equal(
            (WatcherInfoState.Partial, carolWatching.To!.Tag!, "sip:carol@example.com", WatcherStatus.Terminated, WatcherEvent.Rejected),
            Describe(rejected));
        Assert.Equal(1, rejected.Version);
    }

    [Fact]
    public async Task Only_the_presentity_may_subscribe_to_its_watcher_information()
    {
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);

        var refused = await SubscribeWinfoAsync(bob, "sip:alice@example.com", 600);

        Assert.Equal(403, refused.StatusCode);
        Assert.True(await bob.NoRequestWithinAsync(TimeSpan.FromMilliseconds(300)));
    }

    private static (WatcherInfoState, string, string, WatcherStatus, WatcherEvent) Describe(WatcherInfoDocument document)
    {
        var watcher = Assert.Single(Assert.Single(document.Lists).Watchers);
        return (document.State, watcher.Id, watcher.Uri, watcher.Status, watcher.Event);
    }
}
