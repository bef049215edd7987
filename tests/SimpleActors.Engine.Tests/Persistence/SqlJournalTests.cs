using System.Data.Common;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Persistence.Sql;

namespace SimpleActors.Engine.Tests.Persistence;

/// <summary>The project's journal and snapshot store against real SQLite and PostgreSQL databases.</summary>
public class SqlJournalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static ActorSystem Start(JournalStore store) =>
        ActorSystem.Create("journal-" + Guid.NewGuid().ToString("N")[..8], ConfigurationFactory.ParseString(JournalSettings.Hocon(store)));

    private static IActorRef Probe(ActorSystem system, string id) => system.ActorOf(Props.Create(() => new JournalProbeActor(id)));

    [SkippableTheory]
    [InlineData(PersistenceProvider.Sqlite)]
    [InlineData(PersistenceProvider.PostgreSql)]
    public async Task Events_written_by_many_entities_at_once_are_all_recovered_in_order(PersistenceProvider provider)
    {
        await using var db = await TestStore.CreateAsync(provider);
        const int Entities = 100;
        using (var system = Start(db.Store))
        {
            var actors = Enumerable.Range(0, Entities).Select(i => Probe(system, $"entity-{i}")).ToArray();
            foreach (var n in new[] { 1, 2, 3 })
            {
                var sequenceNumbers = await Task.WhenAll(actors.Select(a => a.Ask<long>(n, Timeout)));
                Assert.All(sequenceNumbers, s => Assert.Equal(n, s));
            }

            await system.Terminate();
        }

        using var second = Start(db.Store);
        var states = await Task.WhenAll(Enumerable.Range(0, Entities)
            .Select(i => Probe(second, $"entity-{i}").Ask<JournalProbeActor.State>(new JournalProbeActor.Query(), Timeout)));
        Assert.All(states, s =>
        {
            Assert.Equal([1, 2, 3], s.Numbers);
            Assert.Equal(3, s.LastSequenceNr);
        });
        await second.Terminate();
    }

    [SkippableTheory]
    [InlineData(PersistenceProvider.Sqlite)]
    [InlineData(PersistenceProvider.PostgreSql)]
    public async Task Deleted_events_are_not_replayed_and_the_sequence_number_goes_on(PersistenceProvider provider)
    {
        await using var db = await TestStore.CreateAsync(provider);
        using (var system = Start(db.Store))
        {
            var probe = Probe(system, "deleting");
            foreach (var n in new[] { 1, 2, 3 })
            {
                await probe.Ask<long>(n, Timeout);
            }

            Assert.Equal(3, await probe.Ask<long>(new JournalProbeActor.DeleteTo(3), Timeout));
            await system.Terminate();
        }

        using var second = Start(db.Store);
        var recovered = Probe(second, "deleting");
        var state = await recovered.Ask<JournalProbeActor.State>(new JournalProbeActor.Query(), Timeout);
        Assert.Empty(state.Numbers);
        Assert.Equal(3, state.LastSequenceNr);
        Assert.Equal(4, await recovered.Ask<long>(4, Timeout));
        await second.Terminate();
    }

    [SkippableTheory]
    [InlineData(PersistenceProvider.Sqlite)]
    [InlineData(PersistenceProvider.PostgreSql)]
    public async Task Recovery_starts_from_the_latest_snapshot_and_replays_only_later_events(PersistenceProvider provider)
    {
        await using var db = await TestStore.CreateAsync(provider);
        using (var system = Start(db.Store))
        {
            var probe = Probe(system, "snapshotting");
            await probe.Ask<long>(1, Timeout);
            await probe.Ask<long>(2, Timeout);
            Assert.Equal(2, await probe.Ask<long>(new JournalProbeActor.TakeSnapshot(), Timeout));
            await probe.Ask<long>(3, Timeout);
            await system.Terminate();
        }

        using var second = Start(db.Store);
        var state = await Probe(second, "snapshotting").Ask<JournalProbeActor.State>(new JournalProbeActor.Query(), Timeout);
        Assert.True(state.FromSnapshot);
        Assert.Equal([1, 2, 3], state.Numbers);
        Assert.Equal(3, state.LastSequenceNr);
        await second.Terminate();
    }

    [SkippableTheory]
    [InlineData(PersistenceProvider.Sqlite)]
    [InlineData(PersistenceProvider.PostgreSql)]
    public async Task A_write_that_fails_fails_alone_and_the_writes_batched_with_it_are_committed(PersistenceProvider provider)
    {
        await using var db = await TestStore.CreateAsync(provider);
        var writer = new JournalWriter(SqlDialect.For(db.Store), 1000, NoLogger.Instance);
        await using (writer)
        {
            await writer.WriteAsync([Row("x", 1)]);

            // Queued together, so they usually share a transaction; the duplicate must not take the others down.
            var duplicate = writer.WriteAsync([Row("x", 1)]);
            var others = new[] { writer.WriteAsync([Row("y", 1), Row("y", 2)]), writer.WriteAsync([Row("z", 1)]) };

            await Assert.ThrowsAnyAsync<DbException>(() => duplicate);
            await Task.WhenAll(others);
        }

        Assert.Equal(["x/1", "y/1", "y/2", "z/1"], await Rows(db.Store, "SELECT persistence_id, sequence_nr FROM event_journal ORDER BY ordering"));
    }

    [SkippableTheory]
    [InlineData(PersistenceProvider.Sqlite)]
    [InlineData(PersistenceProvider.PostgreSql)]
    public async Task Tags_are_written_to_the_tag_table_with_the_events_global_ordering(PersistenceProvider provider)
    {
        await using var db = await TestStore.CreateAsync(provider);
        var writer = new JournalWriter(SqlDialect.For(db.Store), 1000, NoLogger.Instance);
        await using (writer)
        {
            await writer.WriteAsync([Row("a", 1), Row("a", 2, "presence", "im")]);
            await writer.WriteAsync([Row("b", 1, "presence")]);
        }

        var tagged = await Rows(db.Store,
            "SELECT t.tag, j.persistence_id, j.sequence_nr FROM event_tag t JOIN event_journal j ON j.ordering = t.ordering " +
            "AND j.persistence_id = t.persistence_id AND j.sequence_nr = t.sequence_nr ORDER BY t.tag, t.ordering");
        Assert.Equal(["im/a/2", "presence/a/2", "presence/b/1"], tagged);
    }

    private static JournalRow Row(string id, long sequenceNr, params string[] tags) =>
        new(id, sequenceNr, 1_700_000_000_000, 4242, "T1", [1, 2, 3], "writer", tags);

    private static async Task<List<string>> Rows(JournalStore store, string sql)
    {
        await using var connection = await SqlDialect.For(store).OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('/', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
