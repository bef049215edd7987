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
        """));

    private static IActorRef Presentity(ActorSystem system, string aor) =>
        system.ActorOf(Props.Create(() => new EntityParent(PresentityActor.Props(aor, Options, null, 100, null, null), ActorRefs.Nobody)));

    private static Task<PublishResult> PublishAsync(IActorRef entity, string aor, string? ifMatch, int expires, string? body, string etag, uint cseq) =>
        entity.Ask<PublishResult>(
            new Publish(aor, ifMatch, expires, body is null ? null : "application/pidf+xml", body is null ? null : System.Text.Encoding.UTF8.GetBytes(body),
                etag, "call-1", cseq, "alice", DateTimeOffset.UtcNow),
            Timeout);

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

        var history = await CollectAsync(journal.CurrentEventsByPersistenceId(PresentityActor.PersistenceIdPrefix + "sip:alice@example.com", 0, long.MaxValue), system);
        var tagged = await CollectAsync(journal.CurrentEventsByTag(JournalTags.Presence, Offset.NoOffset()), system);
        var later = await CollectAsync(journal.CurrentEventsByPersistenceId(PresentityActor.PersistenceIdPrefix + "sip:alice@example.com", between, null), system);
        var earlier = await CollectAsync(journal.CurrentEventsByTag(JournalTags.Presence, null, between), system);
        var afterBob = await CollectAsync(journal.CurrentEventsByTag(JournalTags.Presence, tagged[1].Offset), system);

        Assert.Equal([1L, 2L, 3L], history.Select(e => e.SequenceNr));
        Assert.IsType<PublicationAdded>(history[0].Event);
        Assert.IsType<PublicationRemoved>(history[2].Event);
        Assert.Equal(
            ["sip:alice@example.com", "sip:bob@example.com", "sip:alice@example.com", "sip:alice@example.com"],
            tagged.Select(e => e.PersistenceId[PresentityActor.PersistenceIdPrefix.Length..]));
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
        var alice = Presentity(system, "sip:alice@example.com");
        await PublishAsync(alice, "sip:alice@example.com", null, 600, "<open/>", "a1", 1);
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

        var following = CollectAsync(journal.EventsByTag(JournalTags.Presence, Offset.NoOffset()).Take(3), system);
        await PublishAsync(alice, "sip:alice@example.com", "a1", 600, "<away/>", "a2", 2);
        await PublishAsync(alice, "sip:alice@example.com", "a2", 600, "<busy/>", "a3", 3);
        var events = await following.WaitAsync(Timeout);

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.SequenceNr));
        Assert.All(events.Skip(1), e => Assert.IsType<PublicationModified>(e.Event));
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
        await foreach (var e in queries.EventsOf(PresentityActor.PersistenceIdPrefix + "sip:alice@example.com", JournalRange.All))
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
