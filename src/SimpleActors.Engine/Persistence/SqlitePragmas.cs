using System.Data.Common;
using SimpleActors.Engine.Persistence.Sql;

namespace SimpleActors.Engine.Persistence;

/// <summary>
/// The per-connection SQLite settings of the journal, run on every connection it opens: the
/// <c>synchronous</c> level (<see cref="SqliteSynchronous"/>) and a busy timeout, so that the snapshot store
/// and readers wait for the one writer instead of failing.
/// </summary>
public sealed class SqlitePragmas(SqliteSynchronous synchronous)
{
    private readonly string sql = $"PRAGMA synchronous={(synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}; PRAGMA busy_timeout=5000;";

    public Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken) =>
        SqlDialect.ExecuteAsync(connection, sql, cancellationToken);
}
