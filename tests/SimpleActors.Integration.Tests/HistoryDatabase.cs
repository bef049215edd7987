using SimpleActors.Engine.Persistence;
using SimpleActors.Integration.Tests.Cluster;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// Where a history test's node journals and its replay reads: the node's own SQLite file, or a PostgreSQL database of
/// the test's own (<see cref="ClusterDatabase"/>: the test is skipped when no server is named).
/// </summary>
internal sealed class HistoryDatabase : IAsyncDisposable
{
    private readonly ClusterDatabase? postgres;

    private HistoryDatabase(ClusterDatabase? postgres) => this.postgres = postgres;

    public static async Task<HistoryDatabase> CreateAsync(PersistenceProvider provider) =>
        new(provider == PersistenceProvider.PostgreSql ? await ClusterDatabase.CreateAsync() : null);

    /// <summary>The node's configuration overrides: <paramref name="settings"/> and, on PostgreSQL, the journal's.</summary>
    public Dictionary<string, string?> NodeSettings(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (postgres is not null)
        {
            all["Persistence:Provider"] = nameof(PersistenceProvider.PostgreSql);
            all["Persistence:ConnectionString"] = postgres.ConnectionString;
        }

        return all;
    }

    /// <summary>The journal <paramref name="node"/> wrote, as <c>simpleactors history</c> reads it.</summary>
    public JournalStore StoreOf(TestNode node) => JournalStore.From(
        postgres is null ? new PersistenceOptions() : new PersistenceOptions { Provider = PersistenceProvider.PostgreSql, ConnectionString = postgres.ConnectionString },
        Path.Combine(node.Folder, "data"));

    public ValueTask DisposeAsync() => postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
