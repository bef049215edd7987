using System.Data.Common;

namespace SimpleActors.Engine.Persistence;

/// <summary>
/// The per-connection SQLite settings of the journal, run on every connection it opens: the
/// <c>synchronous</c> level (<see cref="SqliteSynchronous"/>) and a busy timeout, so that the snapshot store
/// and queries wait for the one writer instead of failing.
/// </summary>
public sealed class SqlitePragmas
{
    private readonly string sql;

    public SqlitePragmas(SqliteSynchronous synchronous)
    {
        sql = $"PRAGMA synchronous={(synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}; PRAGMA busy_timeout=5000;";
    }

    public void Apply(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // constant SQL text
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    public async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
#pragma warning disable CA2100 // constant SQL text
            command.CommandText = sql;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
