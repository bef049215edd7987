using SimpleActors.Engine.Persistence;

namespace SimpleActors.Engine.Tests.Persistence;

public class SchemaCreationTests
{
    /// <summary>
    /// Nodes of a cluster starting together each create the tables they find missing. On PostgreSQL two concurrent
    /// CREATE TABLE IF NOT EXISTS of one table fail on the catalog's unique index unless schema creation is
    /// serialised (an advisory lock): eight at once must all succeed.
    /// </summary>
    [SkippableFact]
    public async Task Nodes_creating_the_postgresql_schema_at_the_same_time_all_succeed()
    {
        await using var empty = await TestStore.CreateAsync(PersistenceProvider.PostgreSql, prepare: false);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => JournalDatabase.PrepareAsync(empty.Store, CancellationToken.None))));

        await JournalDatabase.PrepareAsync(empty.Store, CancellationToken.None); // and once more, on tables that exist
    }
}
