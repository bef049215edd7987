using Akka.Actor;
using Akka.TestKit;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Subscription;
using SimpleActors.Engine.Tests.Entities;
using SimpleActors.Presence;
using static SimpleActors.Engine.Tests.Entities.Samples;
using static SimpleActors.Engine.Tests.Subscription.SubscriptionSamples;

namespace SimpleActors.Engine.Tests.Subscription;

/// <summary>
/// The Presentity's side of a subscription: Watch and Unwatch, and the PresenceChanged it tells the subscriptions
/// (a probe stands in for the Subscription shard region).
/// </summary>
public class PresentityWatchTests : EntityTestKit
{
    private const string OtherId = "sub-other";

    private static readonly PublicationOptions Options = new() { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };

    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private static Props Entity(TestProbe subscriptions) =>
        PresentityShard.Props("0", Options, subscriptions: subscriptions, emptyLinger: TimeSpan.FromMilliseconds(300));

    private static Publish PublishNow(string? ifMatch, int expires, byte[]? body, string newETag, uint cseq = 1) =>
        new(Aor, ifMatch, expires, body is null ? null : Pidf.ContentType, body, newETag, "call-pub-1", cseq, "alice", DateTimeOffset.UtcNow);

    private static Watch WatchBy(string subscriptionId = Id) => new(Aor, subscriptionId, SubscriptionSamples.Watcher, DateTimeOffset.UtcNow);

    private async Task<IReadOnlyList<string>> ManifestsAsync() =>
        [.. (await JournalRows.ReadAsync(JournalFile, PresentityShard.PersistenceIdPrefix + Aor)).Select(r => r.Manifest)];

    private async Task<IReadOnlyList<string>> MembersAsync() =>
        [.. (await JournalRows.ReadAsync(JournalFile, PresentityShard.ShardPersistenceIdPrefix + "0")).Select(r => r.Manifest)];

    private static PidfNote OnlyNote(byte[] document)
    {
        var parsed = Pidf.Parse(document);
        Assert.Equal(Aor, parsed.Entity);
        var tuple = Assert.Single(parsed.Tuples);
        Assert.Equal(BasicStatus.Open, tuple.Status.Basic);
        return Assert.Single(tuple.Notes);
    }

    [Fact]
    public async Task A_presentity_that_starts_again_soon_after_a_change_tells_its_watchers_once_more()
    {
        // The first telling may have been lost with the node (a region stopped in a hand-off, a crash after the write).
        var first = StartOtherSystem();
        var entity = StartEntity(first, Entity(CreateTestProbe(first)), CreateTestProbe(first));
        await AskAsync<PresenceDocument>(entity, WatchBy());
        await AskAsync<PublishResult>(entity, PublishNow(null, 600, Document("in a meeting"), "e1"));
        await first.Terminate();

        var subscriptions = CreateTestProbe();
        StartEntity(Sys, Entity(subscriptions), CreateTestProbe());

        var retold = subscriptions.ExpectMsg<PresenceChanged>(TimeSpan.FromSeconds(5));
        Assert.Equal((Id, Aor, 1L), (retold.SubscriptionId, retold.Presentity, retold.Version));
        Assert.Equal("in a meeting", OnlyNote(retold.Document).Text);
        Assert.Equal(NotifyDigest.Of(retold.Document), retold.Digest); // once, by the presentity, for the whole fan-out
        subscriptions.ExpectNoMsg(Quiet);
    }

    [Fact]
    public async Task A_presentity_that_starts_again_long_after_its_last_change_tells_nobody()
    {
        var first = StartOtherSystem();
        var back = new FrozenClock(DateTimeOffset.UtcNow - PresentityShard.RetellWithin - TimeSpan.FromMinutes(1));
        var entity = StartEntity(
            first, PresentityShard.Props("0", Options, back, subscriptions: CreateTestProbe(first), emptyLinger: TimeSpan.FromMilliseconds(300)), CreateTestProbe(first));
        await AskAsync<PresenceDocument>(entity, WatchBy() with { At = back.GetUtcNow() });
        await AskAsync<PublishResult>(entity, PublishNow(null, 600, Document("in a meeting"), "e1") with { At = back.GetUtcNow() });
        await first.Terminate();

        var subscriptions = CreateTestProbe();
        StartEntity(Sys, Entity(subscriptions), CreateTestProbe());

        subscriptions.ExpectNoMsg(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_watch_of_a_presentity_with_nothing_published_is_answered_with_the_closed_document_and_journals_the_watcher()
    {
        var entity = StartEntity(Sys, Entity(CreateTestProbe()), CreateTestProbe());

        var current = await AskAsync<PresenceDocument>(entity, WatchBy());

        Assert.Equal((Aor, 0L), (current.Aor, current.Version));
        Assert.Equal(Pidf.Closed(Aor), Pidf.Parse(current.Body));
        Assert.Equal(["PWA1"], await ManifestsAsync());
    }

    [Fact]
    public async Task Watching_twice_journals_the_watcher_once_and_answers_both_times()
    {
        var entity = StartEntity(Sys, Entity(CreateTestProbe()), CreateTestProbe());

        var first = await AskAsync<PresenceDocument>(entity, WatchBy());
        var second = await AskAsync<PresenceDocument>(entity, WatchBy());

        Assert.Equal(first.Version, second.Version);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(["PWA1"], await ManifestsAsync());
    }

    [Fact]
    public async Task A_watch_after_a_publish_is_answered_with_the_composed_document_and_its_version()
    {
        var entity = StartEntity(Sys, Entity(CreateTestProbe()), CreateTestProbe());
        await AskAsync<PublishResult>(entity, PublishNow(null, 600, Document("in a meeting"), "e1"));

        var current = await AskAsync<PresenceDocument>(entity, WatchBy());

        Assert.Equal(1L, current.Version);
        Assert.Equal("in a meeting", OnlyNote(current.Body).Text);
    }

    [Fact]
    public async Task A_publish_after_a_watch_tells_each_watching_subscription_the_new_version_and_the_composed_document()
    {
        var subscriptions = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(subscriptions), CreateTestProbe());
        var before = await AskAsync<PresenceDocument>(entity, WatchBy());
        await AskAsync<PresenceDocument>(entity, WatchBy(OtherId));

        Assert.Equal(200, (await AskAsync<PublishResult>(entity, PublishNow(null, 600, Document("busy"), "e1"))).StatusCode);

        var told = new[] { subscriptions.ExpectMsg<PresenceChanged>(Timeout), subscriptions.ExpectMsg<PresenceChanged>(Timeout) };
        Assert.Equal([Id, OtherId], told.Select(c => c.SubscriptionId).Order(StringComparer.Ordinal));
        foreach (var changed in told)
        {
            Assert.Equal(Aor, changed.Presentity);
            Assert.True(changed.Version > before.Version);
            Assert.Equal("busy", OnlyNote(changed.Document).Text);
        }

        var now = await AskAsync<PresenceDocument>(entity, WatchBy());
        Assert.Equal(told[0].Version, now.Version);
        Assert.Equal(told[0].Document, now.Body);
    }

    [Fact]
    public async Task A_refresh_publish_tells_no_watcher_and_a_modify_tells_the_next_version()
    {
        var subscriptions = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(subscriptions), CreateTestProbe());
        await AskAsync<PresenceDocument>(entity, WatchBy());
        await AskAsync<PublishResult>(entity, PublishNow(null, 600, Document("busy"), "e1"));
        var first = subscriptions.ExpectMsg<PresenceChanged>(Timeout);

        Assert.Equal(200, (await AskAsync<PublishResult>(entity, PublishNow("e1", 600, null, "e2", 2))).StatusCode);
        subscriptions.ExpectNoMsg(Quiet);

        Assert.Equal(200, (await AskAsync<PublishResult>(entity, PublishNow("e2", 600, Document("free"), "e3", 3))).StatusCode);
        var second = subscriptions.ExpectMsg<PresenceChanged>(Timeout);
        Assert.Equal(first.Version + 1, second.Version);
        Assert.Equal("free", OnlyNote(second.Document).Text);
    }

    [Fact]
    public async Task A_rejected_publish_tells_no_watcher()
    {
        var subscriptions = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(subscriptions), CreateTestProbe());
        await AskAsync<PresenceDocument>(entity, WatchBy());

        Assert.Equal(412, (await AskAsync<PublishResult>(entity, PublishNow("no-such-tag", 600, Document("busy"), "e1"))).StatusCode);

        subscriptions.ExpectNoMsg(Quiet);
    }

    [Fact]
    public async Task An_expired_publication_tells_the_watchers_the_closed_document()
    {
        var subscriptions = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(subscriptions), CreateTestProbe());
        await AskAsync<PresenceDocument>(entity, WatchBy());
        await AskAsync<PublishResult>(entity, PublishNow(null, 1, Document("busy"), "e1"));
        var published = subscriptions.ExpectMsg<PresenceChanged>(Timeout);

        var expired = subscriptions.ExpectMsg<PresenceChanged>(TimeSpan.FromSeconds(10));

        Assert.True(expired.Version > published.Version);
        Assert.Equal(Pidf.Closed(Aor), Pidf.Parse(expired.Document));
        Assert.Equal(["PWA1", "PA1", "PR1"], await ManifestsAsync());
    }

    [Fact]
    public async Task An_unwatch_journals_the_watcher_removed_and_later_changes_are_not_told()
    {
        var subscriptions = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(subscriptions), CreateTestProbe());
        await AskAsync<PresenceDocument>(entity, WatchBy());

        entity.Tell(new Unwatch(Aor, Id, SubscriptionDecision.Timeout, DateTimeOffset.UtcNow));
        await AskAsync<PublishResult>(entity, PublishNow(null, 600, Document("busy"), "e1"));

        subscriptions.ExpectNoMsg(Quiet);
        Assert.Equal(["PWA1", "PWR1", "PA1"], await ManifestsAsync());
    }

    [Fact]
    public async Task An_unwatch_of_a_subscription_that_does_not_watch_journals_nothing()
    {
        var entity = StartEntity(Sys, Entity(CreateTestProbe()), CreateTestProbe());
        await AskAsync<PublishResult>(entity, PublishNow(null, 600, Document("busy"), "e1"));

        entity.Tell(new Unwatch(Aor, Id, SubscriptionDecision.Timeout, DateTimeOffset.UtcNow));
        await AskAsync<PresenceDocument>(entity, WatchBy(OtherId));

        Assert.Equal(["PA1", "PWA1"], await ManifestsAsync());
    }

    [Fact]
    public async Task A_watched_presentity_stays_a_member_of_its_shard_until_the_last_watcher_leaves()
    {
        var entity = StartEntity(Sys, Entity(CreateTestProbe()), CreateTestProbe());
        await AskAsync<PresenceDocument>(entity, WatchBy());

        await Task.Delay(Quiet * 2); // longer than the empty linger: a watched presentity is not empty
        Assert.Equal(["RJ1"], await MembersAsync());
        Assert.Equal(0, await JournalRows.SnapshotCountAsync(JournalFile, PresentityShard.PersistenceIdPrefix + Aor));

        entity.Tell(new Unwatch(Aor, Id, "notify-481", DateTimeOffset.UtcNow));
        await AwaitAssertAsync(async () => Assert.Equal(["RJ1", "RJ1"], await MembersAsync()), Timeout);

        // Empty, it leaves memory after the linger with a snapshot of its state.
        await AwaitAssertAsync(
            async () => Assert.Equal(1, await JournalRows.SnapshotCountAsync(JournalFile, PresentityShard.PersistenceIdPrefix + Aor)), Timeout);
    }

    [Fact]
    public async Task Watchers_survive_a_restart_and_are_told_of_the_next_change()
    {
        var first = StartOtherSystem();
        await AskAsync<PresenceDocument>(StartEntity(first, Entity(CreateTestProbe(first)), CreateTestProbe(first)), WatchBy());
        await first.Terminate();

        var subscriptions = CreateTestProbe();
        var watcher = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(subscriptions), watcher);
        await AskAsync<PublishResult>(entity, PublishNow(null, 600, Document("back"), "e1"));

        var changed = subscriptions.ExpectMsg<PresenceChanged>(Timeout);
        Assert.Equal((Id, 1L), (changed.SubscriptionId, changed.Version));
        watcher.ExpectNoMsg(TimeSpan.Zero);
    }
}
