using System.Collections.Immutable;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Subscription;
using SimpleActors.Presence;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Presence;

/// <summary>What watcher information shows of a presentity's watchers (RFC 3857 section 3.2.1), as pure functions.</summary>
public class WatcherInfoChangesTests
{
    private const string Bob = "sip:bob@example.com";

    private static PresentityState With(params IPresentityEvent[] events) =>
        events.Aggregate(PresentityState.Empty(Aor), (state, change) => state.Apply(change));

    private static WatcherAdded Added(string id, string watcher, SubscriptionStatus status, string package = EventPackages.Presence) =>
        new(Aor, id, watcher, Now, package, status);

    [Fact]
    public void A_new_presence_watcher_is_subscribed_with_its_status_and_a_repeat_or_a_winfo_watcher_shows_nothing()
    {
        var added = Added("s1", Bob, SubscriptionStatus.Pending);

        var change = Assert.Single(WatcherInfoChanges.Between(PresentityState.Empty(Aor), added));
        Assert.Equal(new WatcherState("s1", Bob, WatcherStatus.Pending, WatcherEvent.Subscribed, Now), change);
        Assert.Empty(WatcherInfoChanges.Between(With(added), added));
        Assert.Empty(WatcherInfoChanges.Between(PresentityState.Empty(Aor), Added("w1", Aor, SubscriptionStatus.Active, EventPackages.WatcherInfo)));
    }

    [Fact]
    public void Allowing_a_watcher_approves_its_pending_subscriptions_only_and_a_block_approves_none()
    {
        var state = With(
            Added("s1", Bob, SubscriptionStatus.Pending), Added("s2", Bob, SubscriptionStatus.Active), Added("s3", "sip:carol@example.com", SubscriptionStatus.Pending));

        var allowed = WatcherInfoChanges.Between(state, new WatcherAuthorized(Aor, Bob, AuthorizationDecision.Allow, "alice", Now));
        var blocked = WatcherInfoChanges.Between(state, new WatcherAuthorized(Aor, Bob, AuthorizationDecision.Block, "alice", Now));

        Assert.Equal([new WatcherState("s1", Bob, WatcherStatus.Active, WatcherEvent.Approved, Now)], allowed);
        Assert.Empty(blocked);
    }

    [Fact]
    public void A_watcher_the_owner_already_allowed_starts_active_and_the_full_state_says_approved()
    {
        var state = With(
            new WatcherAuthorized(Aor, Bob, AuthorizationDecision.Allow, "alice", Now),
            Added("s1", Bob, SubscriptionStatus.Pending),
            Added("s2", "sip:carol@example.com", SubscriptionStatus.Pending),
            Added("w1", Aor, SubscriptionStatus.Active, EventPackages.WatcherInfo));

        var snapshot = WatcherInfoChanges.Snapshot(state);

        Assert.Equal(
            [
                new WatcherState("s1", Bob, WatcherStatus.Active, WatcherEvent.Approved, Now),
                new WatcherState("s2", "sip:carol@example.com", WatcherStatus.Pending, WatcherEvent.Subscribed, Now),
            ],
            snapshot);
    }

    [Theory]
    [InlineData("timeout", WatcherEvent.Timeout)]
    [InlineData("rejected", WatcherEvent.Rejected)]
    [InlineData("notify-481", WatcherEvent.Timeout)]
    [InlineData("notify-timeout", WatcherEvent.Giveup)]
    [InlineData("notify-unreachable", WatcherEvent.Giveup)]
    [InlineData("noresource", WatcherEvent.Noresource)]
    public void An_ended_subscription_is_terminated_with_the_event_of_its_reason(string reason, WatcherEvent expected)
    {
        var state = With(Added("s1", Bob, SubscriptionStatus.Active));

        var change = Assert.Single(WatcherInfoChanges.Between(state, new WatcherRemoved(Aor, "s1", reason, Now)));

        Assert.Equal(new WatcherState("s1", Bob, WatcherStatus.Terminated, expected, Now), change);
        Assert.Empty(WatcherInfoChanges.Between(state, new WatcherRemoved(Aor, "unknown", reason, Now)));
    }

    [Fact]
    public void The_tracker_sends_the_whole_set_or_only_what_changed_and_drops_terminated_watchers_from_the_set()
    {
        var tracker = new WatcherInfoTracker();
        tracker.Apply([new WatcherState("early", Bob, WatcherStatus.Active, WatcherEvent.Subscribed, Now)]);
        Assert.False(tracker.Known);

        tracker.Reset([new WatcherState("s1", Bob, WatcherStatus.Pending, WatcherEvent.Subscribed, Now)]);
        tracker.Apply([new WatcherState("s2", "sip:carol@example.com", WatcherStatus.Active, WatcherEvent.Subscribed, Now.AddSeconds(1))]);
        tracker.Apply([new WatcherState("s1", Bob, WatcherStatus.Terminated, WatcherEvent.Timeout, Now)]);
        var partial = tracker.Next(4, Aor, full: false, Now.AddSeconds(10));
        var full = tracker.Next(5, Aor, full: true, Now.AddSeconds(10));

        Assert.Equal((4L, WatcherInfoState.Partial), (partial.Version, partial.State));
        Assert.Equal(["s1", "s2"], Assert.Single(partial.Lists).Watchers.Select(w => w.Id));
        Assert.Equal((5L, WatcherInfoState.Full), (full.Version, full.State));
        var remaining = Assert.Single(Assert.Single(full.Lists).Watchers);
        Assert.Equal(("s2", 9L), (remaining.Id, remaining.DurationSubscribed));
        Assert.False(tracker.HasChanges);
    }
}
