using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Persistence.Sql;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Tests.Entities;

namespace SimpleActors.Engine.Tests.Persistence;

/// <summary>The read side (Akka.Persistence.Query over the project's journal) against real SQLite and PostgreSQL databases.</summary>
public sealed class ReadJournalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly PublicationOptions Options = new() { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };

    private static ActorSystem Start(JournalStore store) => ActorSystem.Create("query-" + Guid.NewGuid().ToString("N")[..8], ConfigurationFactory.ParseString($$"""
        {{SimpleActors.Engine.Serialization.SerializationHosting.Hocon}}
        {{JournalSettings.Hocon(store)}}
        {{SqlReadJournal.Identifier}}.refresh-interval = 100ms
        {{SqlReadJournal.Identifier}}.gap-timeout = 30s
        """));

    private static int shards;

    /// <summary>A presentity shard of its own for <paramref name="aor"/> (commands name their AOR; two shards must not share an id).</summary>
    private static IActorRef Presentity(ActorSystem system, string aor) =>
        system.ActorOf(Props.Create(() => new EntityParent(
            PresentityShard.Props(Interlocked.Increment(ref shards).ToString(System.Globalization.CultureInfo.InvariantCulture), Options, null, 100, null, null),
            ActorRefs.Nobody)));

    private static Task<PublishResult> PublishAsync(IActorRef entity, string aor, string? ifMatch, int expires, string? body, string etag, uint cseq) =>
        entity.Ask<PublishResult>(
            new Publish(aor, ifMatch, expires, body is null ? null : "application/pidf+xml", body is null ? null : System.Text.Encoding.UTF8.GetBytes(body),
                etag, "call-1", cseq, "alice", DateTimeOffset.UtcNow),
            Timeout);

    /// <summary>Alice's presentity, with one publication journaled (entity-tag a1, CSeq 1).</summary>
    private static async Task<IActorRef> AlicePublishedAsync(ActorSystem system)
    {
        var alice = Presentity(system, "sip:alice@example.com");
        await PublishAsync(alice, "sip:alice@example.com", null, 600, "<open/>", "a1", 1);
        return alice;
    }

    private static Task<IReadOnlyList<EventEnvelope>> CollectAsync(Source<EventEnvelope, Akka.NotUsed> source, ActorSystem system) =>
        source.RunAggregate(new List<EventEnvelope>(), (all, e) => { all.Add(e); return all; }, system.Materializer())
            .ContinueWith(t => (IReadOnlyList<EventEnvelope>)t.Result, TaskScheduler.Default);

    [SkippableTheory]
    [InlineData(PersistenceProvider.Sqlite)]
    [InlineData(PersistenceProvider.PostgreSql)]
    public async Task One_presentitys_history_and_all_presence_changes_come_back_in_order_within_a_time_window(PersistenceProvider provider)
    {
        await using var db = await TestStore.CreateAsync(provider);
        using var system = Start(db.Store);
        var alice = Presentity(system, "sip:alice@example.com");
        var bob = Presentity(system, "sip:bob@example.com");
        await PublishAsync(alice, "sip:alice@example.com", null, 600, "<open/>", "a1", 1);
        await PublishAsync(bob, "sip:bob@example.com", null, 600, "<open/>", "b1", 1);
        await Task.Delay(50);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await PublishAsync(alice, "sip:alice@example.com", "a1", 600, "<away/>", "a2", 2);
        await PublishAsync(alice, "sip:alice@example.com", "a2", 0, null, "a3", 3);
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

        var history = await CollectAsync(journal.CurrentEventsByPersistenceId(PresentityShard.PersistenceIdPrefix + "sip:alice@example.com", 0, long.MaxValue), system);
        var tagged = await CollectAsync(journal.CurrentEventsByTag(JournalTags.Presence, Offset.NoOffset()), system);
        var later = await CollectAsync(journal.CurrentEventsByPersistenceId(PresentityShard.PersistenceIdPrefix + "sip:alice@example.com", between, null), system);
        var earlier = await CollectAsync(journal.CurrentEventsByTag(JournalTags.Presence, null, between), system);
        var afterBob = await CollectAsync(journal.CurrentEventsByTag(JournalTags.Presence, tagged[1].Offset), system);

        Assert.Equal([1L, 2L, 3L], history.Select(e => e.SequenceNr));
        Assert.IsType<PublicationAdded>(history[0].Event);
        Assert.IsType<PublicationRemoved>(history[2].Event);
        Assert.Equal(
            ["sip:alice@example.com", "sip:bob@example.com", "sip:alice@example.com", "sip:alice@example.com"],
            tagged.Select(e => e.PersistenceId[PresentityShard.PersistenceIdPrefix.Length..]));
        Assert.True(tagged.Select(e => ((Sequence)e.Offset).Value).SequenceEqual(tagged.Select(e => ((Sequence)e.Offset).Value).Order()));
        Assert.Equal([2L, 3L], later.Select(e => e.SequenceNr));
        Assert.Equal(2, earlier.Count);
        Assert.Equal(2, afterBob.Count);
        await system.Terminate();
    }

    [SkippableTheory]
    [InlineData(PersistenceProvider.Sqlite)]
    [InlineData(PersistenceProvider.PostgreSql)]
    public async Task A_live_query_delivers_events_written_after_it_started(PersistenceProvider provider)
    {
        await using var db = await TestStore.CreateAsync(provider);
        using var system = Start(db.Store);
        var alice = await AlicePublishedAsync(system);
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

        var following = CollectAsync(journal.EventsByTag(JournalTags.Presence, Offset.NoOffset()).Take(3), system);
        await PublishAsync(alice, "sip:alice@example.com", "a1", 600, "<away/>", "a2", 2);
        await PublishAsync(alice, "sip:alice@example.com", "a2", 600, "<busy/>", "a3", 3);
        var events = await following.WaitAsync(Timeout);

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.SequenceNr));
        Assert.All(events.Skip(1), e => Assert.IsType<PublicationModified>(e.Event));
        await system.Terminate();
    }

    /// <summary>A copy of the journal's first event as a new tagged row (another sequence number); its ordering.</summary>
    private static async Task<long> InsertTaggedCopyAsync(System.Data.Common.DbConnection connection, long sequenceNr, long? ordering = null)
    {
        await using var insert = connection.CreateCommand();
        var columns = "persistence_id, sequence_nr, written_at, serializer_id, manifest, payload, writer, deleted";
        var copied = $"persistence_id, {sequenceNr}, written_at, serializer_id, manifest, payload, writer, deleted";
        insert.CommandText = ordering is { } explicitOrdering
            ? $"INSERT INTO event_journal (ordering, {columns}) SELECT {explicitOrdering}, {copied} FROM event_journal WHERE sequence_nr = 1 AND persistence_id LIKE 'presentity|%' RETURNING ordering"
            : $"INSERT INTO event_journal ({columns}) SELECT {copied} FROM event_journal WHERE sequence_nr = 1 AND persistence_id LIKE 'presentity|%' RETURNING ordering";
        var inserted = Convert.ToInt64(await insert.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await using var tag = connection.CreateCommand();
        tag.CommandText = $"INSERT INTO event_tag (tag, ordering, persistence_id, sequence_nr) SELECT 'presence', ordering, persistence_id, sequence_nr FROM event_journal WHERE ordering = {inserted}";
        await tag.ExecuteNonQueryAsync();
        return inserted;
    }

    [SkippableTheory]
    [InlineData(PersistenceProvider.Sqlite)]
    [InlineData(PersistenceProvider.PostgreSql)]
    public async Task A_live_tag_query_waits_for_a_lower_ordering_committed_after_a_higher_one(PersistenceProvider provider)
    {
        // Two writers: the first takes ordering N and commits late; the second takes N+1 and commits at once. A reader
        // that went on from N+1 would never see N.
        await using var db = await TestStore.CreateAsync(provider);
        using var system = Start(db.Store);
        await AlicePublishedAsync(system);
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var dialect = SqlDialect.For(db.Store);
        await using var late = await dialect.OpenAsync(CancellationToken.None);
        await using var early = await dialect.OpenAsync(CancellationToken.None);
        var seen = new List<EventEnvelope>();
        var following = journal.EventsByTag(JournalTags.Presence, Offset.NoOffset()).Take(3)
            .RunForeach(e => { lock (seen) { seen.Add(e); } }, system.Materializer());

        long lower, higher;
        if (provider == PersistenceProvider.PostgreSql)
        {
            await using var transaction = await late.BeginTransactionAsync();
            lower = await InsertTaggedCopyAsync(late, 101);
            higher = await InsertTaggedCopyAsync(early, 102);
            await Task.Delay(1500); // several polls see the higher row alone
            lock (seen)
            {
                Assert.Single(seen);
            }

            await transaction.CommitAsync();
        }
        else
        {
            // SQLite has one writer; the late commit is staged with explicit orderings: the higher row first.
            // The journal's last row (the shard's member list is written after alice's event, untagged).
            await using var max = early.CreateCommand();
            max.CommandText = "SELECT MAX(ordering) FROM event_journal";
            var last = Convert.ToInt64(await max.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            higher = await InsertTaggedCopyAsync(early, 102, last + 2);
            await Task.Delay(1500);
            lock (seen)
            {
                Assert.Single(seen);
            }

            lower = await InsertTaggedCopyAsync(late, 101, last + 1);
        }

        await following.WaitAsync(Timeout);
        Assert.Equal([lower, higher], seen.Skip(1).Select(e => ((Sequence)e.Offset).Value));
        Assert.Equal([101L, 102L], seen.Skip(1).Select(e => e.SequenceNr));
        await system.Terminate();
    }

    [Fact]
    public async Task A_live_tag_query_passes_a_gap_that_stays_open_for_the_gap_timeout()
    {
        await using var db = await TestStore.CreateAsync(PersistenceProvider.Sqlite);
        using var system = Start(db.Store);
        await AlicePublishedAsync(system);
        await using var connection = await SqlDialect.For(db.Store).OpenAsync(CancellationToken.None);
        var after = await InsertTaggedCopyAsync(connection, 102, 10); // 2..9 never come (rolled back inserts)
        var follower = new TagFollower(new JournalQueries(db.Store, system.Serialization), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        var started = DateTimeOffset.UtcNow;

        var events = new List<JournalEvent>();
        using var stop = new CancellationTokenSource(Timeout);
        await foreach (var e in follower.FollowAsync(JournalTags.Presence, 0, stop.Token))
        {
            events.Add(e);
            if (events.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([1L, after], events.Select(e => e.Ordering));
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(1), "the gap held the query for the gap timeout");
        await system.Terminate();
    }

    [Fact]
    public async Task Pages_follow_one_another_without_a_gap_or_a_repeat()
    {
        await using var db = await TestStore.CreateAsync(PersistenceProvider.Sqlite);
        using var system = Start(db.Store);
        var alice = Presentity(system, "sip:alice@example.com");
        await PublishAsync(alice, "sip:alice@example.com", null, 600, "<n0/>", "e0", 1);
        for (var n = 1; n <= 6; n++)
        {
            await PublishAsync(alice, "sip:alice@example.com", $"e{n - 1}", 600, $"<n{n}/>", $"e{n}", (uint)n + 1);
        }

        var queries = new JournalQueries(db.Store, system.Serialization, pageSize: 2);
        var all = new List<JournalEvent>();
        await foreach (var e in queries.EventsOf(PresentityShard.PersistenceIdPrefix + "sip:alice@example.com", JournalRange.All))
        {
            all.Add(e);
        }

        var tagged = new List<JournalEvent>();
        await foreach (var e in queries.EventsTagged(JournalTags.Presence, new JournalRange(all[3].Ordering)))
        {
            tagged.Add(e);
        }

        Assert.Equal(Enumerable.Range(1, 7).Select(n => (long)n), all.Select(e => e.SequenceNr));
        Assert.Equal(all.Skip(3).Select(e => e.Ordering), tagged.Select(e => e.Ordering));
        await system.Terminate();
    }
}
