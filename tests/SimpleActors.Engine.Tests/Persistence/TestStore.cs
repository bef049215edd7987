using Npgsql;
using SimpleActors.Tests.Shared;
using SimpleActors.Engine.Persistence;

namespace SimpleActors.Engine.Tests.Persistence;

/// <summary>
/// A fresh, empty journal database of either provider: a SQLite file in a temporary directory, or a PostgreSQL
/// database created for the test on the server named by <c>SIMPLEACTORS_TEST_POSTGRES</c> (a connection string
/// whose user may create databases; <c>.ci/run</c> sets it) and dropped afterwards.
/// </summary>
internal sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = ScratchPostgres.Variable;

    private readonly TemporaryDirectory? directory;
    private readonly string? database;

    private TestStore(JournalStore store, TemporaryDirectory? directory, string? database)
    {
        Store = store;
        this.directory = directory;
        this.database = database;
    }

    public JournalStore Store { get; }

    public static string? PostgresServer => ScratchPostgres.Server;

    /// <summary>
    /// Creates the store, with its tables unless <paramref name="prepare"/> is false; skips the test when PostgreSQL
    /// is asked for and no server is configured.
    /// </summary>
    public static async Task<TestStore> CreateAsync(PersistenceProvider provider, bool prepare = true)
    {
        if (provider == PersistenceProvider.Sqlite)
        {
            var directory = new TemporaryDirectory();
            var store = JournalStore.From(new PersistenceOptions(), directory.Path);
            if (prepare)
            {
                await JournalDatabase.PrepareAsync(store, CancellationToken.None);
            }

            return new TestStore(store, directory, null);
        }

        Skip.If(PostgresServer is null, $"{PostgresVariable} is not set: no PostgreSQL server to test against.");
        var name = await ScratchPostgres.CreateAsync(PostgresServer!, "sa_test_");
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name };
        var pg = JournalStore.From(
            new PersistenceOptions { Provider = PersistenceProvider.PostgreSql, ConnectionString = builder.ConnectionString }, ".");
        if (prepare)
        {
            await JournalDatabase.PrepareAsync(pg, CancellationToken.None);
        }

        return new TestStore(pg, null, name);
    }

    public async ValueTask DisposeAsync()
    {
        directory?.Dispose();
        if (database is not null)
        {
            await ScratchPostgres.DropAsync(PostgresServer!, database);
        }
    }
}
