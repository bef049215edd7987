using SimpleActors.Engine.Packages;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Subscription;
using SimpleActors.Sip.Events;

namespace SimpleActors.Engine.Tests.Packages;

/// <summary>The event packages behind their one interface: who may subscribe, the first status, the bodies per state.</summary>
public sealed class EventPackageTests
{
    private const string Alice = "sip:alice@example.com";
    private const string Bob = "sip:bob@example.com";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static SubscriptionState Subscription(string package, SubscriptionStatus status, bool polite = false, long notified = 0) =>
        new("sub-1", new Sip.Dialogs.Dialog("c", Alice, "sub-1", Bob, "bt", "sip:bob@192.0.2.20", [], 0, 1, false, null), null, Now.AddHours(1),
            status, notified, null, polite, package);

    [Fact]
    public void The_packages_are_found_by_their_case_sensitive_name_and_an_unknown_one_is_an_error()
    {
        Assert.Same(PresencePackage.Instance, EventPackages.Get("presence"));
        Assert.Same(WatcherInfoPackage.Instance, EventPackages.Get("presence.winfo"));
        Assert.Same(XcapDiffPackage.Instance, EventPackages.Get("xcap-diff"));
        Assert.Throws<ArgumentException>(() => EventPackages.Get("Presence"));
        Assert.Equal(["presence", "presence.winfo", "xcap-diff"], EventPackages.Subscribable);
    }

    [Theory]
    [InlineData(Alice, Alice, true, null)]
    [InlineData(Alice, Bob, true, "Only the presentity may watch its watchers")]
    [InlineData(Alice, Alice, false, "Only the presentity may watch its watchers")]
    public void Only_the_presentity_itself_may_watch_its_watchers(string resource, string watcher, bool ourUser, string? refusal) =>
        Assert.Equal(refusal, WatcherInfoPackage.Instance.Refusal(resource, watcher, ourUser));

    [Fact]
    public void Anyone_may_ask_for_presence_and_the_policy_sets_the_first_status()
    {
        var pending = new SubscriptionOptions { Policy = SubscriptionPolicy.Pending };

        Assert.Null(PresencePackage.Instance.Refusal(Alice, "sip:mallory@elsewhere.example", false));
        Assert.Equal(SubscriptionStatus.Pending, PresencePackage.Instance.FirstStatus(Alice, Bob, pending));
        Assert.Equal(SubscriptionStatus.Active, PresencePackage.Instance.FirstStatus(Alice, Alice, pending));
        Assert.Equal(SubscriptionStatus.Active, WatcherInfoPackage.Instance.FirstStatus(Alice, Alice, pending));
    }

    [Fact]
    public void Presence_reserves_cseqs_and_sleeps_watcher_info_numbers_its_documents_and_stays_awake()
    {
        Assert.Equal((false, true), (PresencePackage.Instance.NumbersDocuments, PresencePackage.Instance.MaySleep));
        Assert.Equal((true, false), (WatcherInfoPackage.Instance.NumbersDocuments, WatcherInfoPackage.Instance.MaySleep));
        Assert.Equal("application/pidf+xml", PresencePackage.Instance.ContentType);
        Assert.Equal("application/watcherinfo+xml", WatcherInfoPackage.Instance.ContentType);
    }

    [Fact]
    public void A_presence_view_gives_an_active_watcher_the_document_a_pending_or_rejected_one_nothing_a_polite_one_closed()
    {
        var view = new PresenceView();
        var document = "<presence/>"u8.ToArray();
        view.Take(3, document, "digest-3");

        var active = view.Body(Subscription(EventPackages.Presence, SubscriptionStatus.Active), NotifyKind.Full, rejected: false, 1, Now);
        var pending = view.Body(Subscription(EventPackages.Presence, SubscriptionStatus.Pending), NotifyKind.Full, rejected: false, 1, Now);
        var rejected = view.Body(Subscription(EventPackages.Presence, SubscriptionStatus.Active), NotifyKind.Final, rejected: true, 1, Now);
        var polite = view.Body(Subscription(EventPackages.Presence, SubscriptionStatus.Active, polite: true), NotifyKind.Full, rejected: false, 1, Now);

        Assert.Equal((document, 3L, "digest-3"), (active.Content, active.Version, active.Digest));
        Assert.Equal((null, 3L), (pending.Content, pending.Version));
        Assert.Null(rejected.Content);
        Assert.Contains("<basic>closed</basic>", System.Text.Encoding.UTF8.GetString(polite.Content!), StringComparison.Ordinal);
        Assert.False(view.HasNews);
    }

    [Fact]
    public void A_presence_view_takes_only_newer_documents_and_then_has_news()
    {
        var view = new PresenceView();

        var first = view.Take(2, [1], null);
        view.Body(Subscription(EventPackages.Presence, SubscriptionStatus.Active), NotifyKind.Full, false, 1, Now);
        var older = view.Take(1, [0], null);
        var newer = view.Take(5, [5], null);

        Assert.Equal((true, false, true), (first, older, newer));
        Assert.True(view.HasNews);
        Assert.Equal(5, view.Version(Subscription(EventPackages.Presence, SubscriptionStatus.Active)));
    }

    [Fact]
    public void A_watcher_info_view_sends_the_full_set_for_a_request_and_only_the_changes_for_a_change_numbered_on()
    {
        var view = new WatcherInfoView();
        var state = Subscription(EventPackages.WatcherInfo, SubscriptionStatus.Active, notified: 4);
        var unknown = view.Body(state, NotifyKind.Full, false, 1, Now);
        view.Watchers.Reset([new WatcherState("w1", Bob, SimpleActors.Presence.WatcherStatus.Active, SimpleActors.Presence.WatcherEvent.Subscribed, Now)]);
        view.Watchers.Apply([new WatcherState("w2", "sip:carol@example.com", SimpleActors.Presence.WatcherStatus.Pending, SimpleActors.Presence.WatcherEvent.Subscribed, Now)]);

        var change = view.Body(state, NotifyKind.Change, false, 1, Now);
        var full = view.Body(state with { NotifiedVersion = 5 }, NotifyKind.Full, false, 1, Now);

        Assert.Equal((null, 4L), (unknown.Content, unknown.Version));
        var partial = System.Text.Encoding.UTF8.GetString(change.Content!);
        Assert.Equal(5, change.Version);
        Assert.Contains("state=\"partial\"", partial, StringComparison.Ordinal);
        Assert.Contains("carol", partial, StringComparison.Ordinal);
        Assert.DoesNotContain("bob", partial, StringComparison.Ordinal);
        var whole = System.Text.Encoding.UTF8.GetString(full.Content!);
        Assert.Equal(6, full.Version);
        Assert.Contains("state=\"full\"", whole, StringComparison.Ordinal);
        Assert.Contains("bob", whole, StringComparison.Ordinal);
        Assert.Contains("carol", whole, StringComparison.Ordinal);
    }
}
