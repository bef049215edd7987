using Akka.Actor;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Tests.Entities;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Presence;

public class PresentityActorTests : EntityTestKit
{
    private static readonly PublicationOptions Options = new() { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };

    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(300);

    private static Props Entity(TimeProvider? clock = null) => PresentityActor.Props(Aor, Options, clock, emptyLinger: Linger);

    private static Publish PublishNow(string? ifMatch, int expires, string? body, string newETag, uint cseq = 1) =>
        new(Aor, ifMatch, expires, body is null ? null : "application/pidf+xml", body is null ? null : System.Text.Encoding.UTF8.GetBytes(body),
            newETag, "call-1", cseq, "alice", DateTimeOffset.UtcNow);

    private async Task<IReadOnlyList<string>> ManifestsAsync() =>
        [.. (await JournalRows.ReadAsync(JournalFile, PresentityActor.PersistenceIdPrefix + Aor)).Select(r => r.Manifest)];

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
    public async Task A_publication_expires_on_time_and_the_entity_passivates()
    {
        var watcher = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(), watcher);
        await AskAsync<PublishResult>(entity, PublishNow(null, 2, "<open/>", "e1"));

        ExpectPassivation(watcher, TimeSpan.FromSeconds(5));

        Assert.Equal(["PA1", "PR1"], await ManifestsAsync());
    }

    [Fact]
    public async Task A_publication_that_expired_while_the_system_was_down_is_removed_on_recovery()
    {
        var first = StartOtherSystem();
        var back = new FrozenClock(DateTimeOffset.UtcNow.AddMinutes(-1));
        await AskAsync<PublishResult>(StartEntity(first, Entity(back), CreateTestProbe(first)), PublishNow(null, 1, "<open/>", "e1") with { At = back.GetUtcNow() });
        await first.Terminate();

        var watcher = CreateTestProbe();
        StartEntity(Sys, Entity(), watcher);

        ExpectPassivation(watcher, TimeSpan.FromSeconds(3));
        Assert.Equal(["PA1", "PR1"], await ManifestsAsync());
    }

    [Fact]
    public async Task An_emptied_presentity_stays_a_while_then_snapshots_and_passivates_and_comes_back_from_the_snapshot()
    {
        var watcher = CreateTestProbe();
        var entity = StartEntity(Sys, PresentityActor.Props(Aor, Options, emptyLinger: TimeSpan.FromSeconds(1)), watcher);
        await AskAsync<PublishResult>(entity, PublishNow(null, 600, "<open/>", "e1"));
        var removed = await AskAsync<PublishResult>(entity, PublishNow("e1", 0, null, "e2", 2));

        // Empty, but still there for a while: a Watch in that time finds it without a start from the journal.
        watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(600));
        ExpectPassivation(watcher, TimeSpan.FromSeconds(5));
        await AwaitAssertAsync(
            async () => Assert.Equal(1, await JournalRows.SnapshotCountAsync(JournalFile, PresentityActor.PersistenceIdPrefix + Aor)), Timeout);

        var again = StartEntity(Sys, Entity(), CreateTestProbe());
        var current = await AskAsync<PresenceDocument>(again, new Watch(Aor, "sub-1", "sip:bob@example.com", DateTimeOffset.UtcNow));
        Assert.Equal(200, removed.StatusCode);
        Assert.Equal(2L, current.Version);
    }
}
