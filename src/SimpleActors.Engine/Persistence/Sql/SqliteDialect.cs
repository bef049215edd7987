using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SimpleActors.Engine.Persistence.Sql;

/// <summary>SQLite through Microsoft.Data.Sqlite: WAL mode, the configured <c>synchronous</c>, a busy timeout.</summary>
public sealed class SqliteDialect(string connectionString, SqliteSynchronous synchronous) : SqlDialect
{
    private readonly SqlitePragmas pragmas = new(synchronous);

    public override IReadOnlyList<string> Schema { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS event_journal (
          ordering INTEGER PRIMARY KEY AUTOINCREMENT,
          persistence_id TEXT NOT NULL,
          sequence_nr INTEGER NOT NULL,
          written_at INTEGER NOT NULL,
          serializer_id INTEGER NOT NULL,
          manifest TEXT NOT NULL,
          payload BLOB NOT NULL,
          writer TEXT NOT NULL,
          deleted INTEGER NOT NULL DEFAULT 0)
        """,
        "CREATE UNIQUE INDEX IF NOT EXISTS event_journal_persistence_id ON event_journal (persistence_id, sequence_nr)",
        "CREATE INDEX IF NOT EXISTS event_journal_written_at ON event_journal (written_at)",
        """
        CREATE TABLE IF NOT EXISTS event_tag (
          tag TEXT NOT NULL,
          ordering INTEGER NOT NULL,
          persistence_id TEXT NOT NULL,
          sequence_nr INTEGER NOT NULL,
          PRIMARY KEY (tag, ordering))
        """,
        """
        CREATE TABLE IF NOT EXISTS snapshot_store (
          persistence_id TEXT NOT NULL,
          sequence_nr INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          serializer_id INTEGER NOT NULL,
          manifest TEXT NOT NULL,
          payload BLOB NOT NULL,
          PRIMARY KEY (persistence_id, sequence_nr))
        """,
    ];

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await pragmas.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
