using Akka.Actor;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Tests.Entities;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Presence;

public class PresentityShardTests : EntityTestKit
{
    private static readonly PublicationOptions Options = new() { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };

    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(300);

    private static Props Entity(TimeProvider? clock = null) => PresentityShard.Props("0", Options, clock, emptyLinger: Linger);

    private static Publish PublishNow(string? ifMatch, int expires, string? body, string newETag, uint cseq = 1) =>
        new(Aor, ifMatch, expires, body is null ? null : "application/pidf+xml", body is null ? null : System.Text.Encoding.UTF8.GetBytes(body),
            newETag, "call-1", cseq, "alice", DateTimeOffset.UtcNow);

    private async Task<IReadOnlyList<string>> ManifestsAsync() =>
        [.. (await JournalRows.ReadAsync(JournalFile, PresentityShard.PersistenceIdPrefix + Aor)).Select(r => r.Manifest)];

    /// <summary>The shard's member list: RJ1 rows, a presentity joining when it first holds something and leaving when empty.</summary>
    private async Task<IReadOnlyList<string>> MembersAsync() =>
        [.. (await JournalRows.ReadAsync(JournalFile, PresentityShard.ShardPersistenceIdPrefix + "0")).Select(r => r.Manifest)];

    [Fact]
    public async Task The_200_comes_after_the_publication_is_in_the_journal()
    {
        var entity = StartEntity(Sys, Entity(), CreateTestProbe());

        var reply = await AskAsync<PublishResult>(entity, PublishNow(null, 600, "<open/>", "e1"));

        Assert.Equal((200, "e1"), (reply.StatusCode, reply.ETag));
        Assert.Equal(["PA1"], await ManifestsAsync());
    }

    [Fact]
    public async Task Publications_and_their_entity_tags_survive_a_restart()
    {
        var first = StartOtherSystem();
        var entity = StartEntity(first, Entity(), CreateTestProbe(first));
        await AskAsync<PublishResult>(entity, PublishNow(null, 600, "<open/>", "e1"));
        await AskAsync<PublishResult>(entity, PublishNow("e1", 600, null, "e2", 2));
        await first.Terminate();

        var recovered = StartEntity(Sys, Entity(), CreateTestProbe());

        Assert.Equal(412, (await AskAsync<PublishResult>(recovered, PublishNow("e1", 600, "<away/>", "e3", 3))).StatusCode);
        var modified = await AskAsync<PublishResult>(recovered, PublishNow("e2", 600, "<away/>", "e4", 4));
        Assert.Equal((200, "e4"), (modified.StatusCode, modified.ETag));
        Assert.Equal(["PA1", "PF1", "PM1"], await ManifestsAsync());
    }

    [Fact]
    public async Task A_publication_expires_on_time_and_the_presentity_leaves_the_shard()
    {
        var entity = StartEntity(Sys, Entity(), CreateTestProbe());
        var sent = DateTimeOffset.UtcNow;
        await AskAsync<PublishResult>(entity, PublishNow(null, 2, "<open/>", "e1"));
        Assert.Equal(["RJ1"], await MembersAsync());

        await AwaitAssertAsync(async () => Assert.Equal(["PA1", "PR1"], await ManifestsAsync()), TimeSpan.FromSeconds(5));

        Assert.True(DateTimeOffset.UtcNow >= sent.AddSeconds(2));
        await AwaitAssertAsync(async () => Assert.Equal(["RJ1", "RJ1"], await MembersAsync()), Timeout);
    }

    [Fact]
    public async Task A_publication_that_expired_while_the_system_was_down_is_removed_on_recovery()
    {
        var first = StartOtherSystem();
        var back = new FrozenClock(DateTimeOffset.UtcNow.AddMinutes(-1));
        await AskAsync<PublishResult>(StartEntity(first, Entity(back), CreateTestProbe(first)), PublishNow(null, 1, "<open/>", "e1") with { At = back.GetUtcNow() });
        await first.Terminate();

        StartEntity(Sys, Entity(), CreateTestProbe());

        // No command: the shard reads its member list and expires the publication on its own.
        await AwaitAssertAsync(async () => Assert.Equal(["PA1", "PR1"], await ManifestsAsync()), TimeSpan.FromSeconds(3));
        await AwaitAssertAsync(async () => Assert.Equal(["RJ1", "RJ1"], await MembersAsync()), Timeout);
    }

    [Fact]
    public async Task An_emptied_presentity_stays_a_while_then_snapshots_and_leaves_memory_and_comes_back_from_the_snapshot()
    {
        var entity = StartEntity(Sys, PresentityShard.Props("0", Options, emptyLinger: TimeSpan.FromSeconds(1)), CreateTestProbe());
        await AskAsync<PublishResult>(entity, PublishNow(null, 600, "<open/>", "e1"));
        var removed = await AskAsync<PublishResult>(entity, PublishNow("e1", 0, null, "e2", 2));

        // Empty, but still in memory for a while (a Watch in that time finds it without a read of the journal); the
        // snapshot is taken as it leaves.
        await Task.Delay(600);
        Assert.Equal(0, await JournalRows.SnapshotCountAsync(JournalFile, PresentityShard.PersistenceIdPrefix + Aor));
        await AwaitAssertAsync(
            async () => Assert.Equal(1, await JournalRows.SnapshotCountAsync(JournalFile, PresentityShard.PersistenceIdPrefix + Aor)), Timeout);

        var again = StartEntity(Sys, Entity(), CreateTestProbe());
        var current = await AskAsync<PresenceDocument>(again, new Watch(Aor, "sub-1", "sip:bob@example.com", DateTimeOffset.UtcNow));
        Assert.Equal(200, removed.StatusCode);
        Assert.Equal(2L, current.Version);
    }

    [Fact]
    public void A_remembered_presentity_actor_of_a_journal_from_before_the_shards_passivates_at_once()
    {
        var watcher = CreateTestProbe();

        StartEntity(Sys, PresentityShard.Props(Aor, Options), watcher);

        ExpectPassivation(watcher, Timeout);
    }

    [Fact]
    public async Task Two_presentities_of_one_shard_keep_their_own_streams_and_share_the_member_list()
    {
        const string bob = "sip:bob@example.com";
        var shard = StartEntity(Sys, Entity(), CreateTestProbe());

        await Task.WhenAll(
            AskAsync<PublishResult>(shard, PublishNow(null, 600, "<open/>", "e1")),
            AskAsync<PublishResult>(shard, PublishNow(null, 600, "<closed/>", "e2") with { Aor = bob }));

        Assert.Equal(["PA1"], await ManifestsAsync());
        var bobs = await JournalRows.ReadAsync(JournalFile, PresentityShard.PersistenceIdPrefix + bob);
        Assert.Equal(["PA1"], bobs.Select(r => r.Manifest));
        var joined = (await JournalRows.ReadAsync(JournalFile, PresentityShard.ShardPersistenceIdPrefix + "0"))
            .SelectMany(r => ((SimpleActors.Engine.Entities.ShardMembersChanged)Sys.Serialization.Deserialize(r.Payload, r.SerializerId, r.Manifest)).Joined);
        Assert.Equal([Aor, bob], joined.Order(StringComparer.Ordinal));
    }
}
