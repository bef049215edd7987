using Npgsql;
using SimpleActors.Tests.Shared;

namespace SimpleActors.Integration.Tests.Cluster;

/// <summary>
/// A fresh PostgreSQL database for one test's cluster, on the server named by <c>SIMPLEACTORS_TEST_POSTGRES</c> (a
/// connection string whose user may create databases; <c>.ci/run</c> sets it), dropped afterwards. Without that
/// variable the test is skipped, visibly, with the reason.
/// </summary>
internal sealed class ClusterDatabase : IAsyncDisposable
{
    private readonly string server;
    private readonly string name;

    private ClusterDatabase(string server, string name, string connectionString)
    {
        this.server = server;
        this.name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ClusterDatabase> CreateAsync()
    {
        var server = ScratchPostgres.Server;
        Skip.If(server is null, $"{ScratchPostgres.Variable} is not set: no PostgreSQL server for the cluster to share.");
        var name = await ScratchPostgres.CreateAsync(server!, "sa_cluster_");
        // Eight connections per node: three or four nodes of a test, other tests' nodes and the journal tests share the
        // server's max_connections.
        return new ClusterDatabase(server!, name, new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 8 }.ConnectionString);
    }

    public ValueTask DisposeAsync() => new(ScratchPostgres.DropAsync(server, name));
}
