using System.Data.Common;
using Npgsql;

namespace SimpleActors.Engine.Persistence.Sql;

/// <summary>PostgreSQL through Npgsql.</summary>
public sealed class PostgreSqlDialect(string connectionString) : SqlDialect
{
    /// <summary>A transaction-scoped advisory lock, the same number on every node (any constant would do).</summary>
    protected override string SchemaLock => "SELECT pg_advisory_xact_lock(5060316)";

    public override IReadOnlyList<string> Schema { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS event_journal (
          ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          persistence_id TEXT NOT NULL,
          sequence_nr BIGINT NOT NULL,
          written_at BIGINT NOT NULL,
          serializer_id INTEGER NOT NULL,
          manifest TEXT NOT NULL,
          payload BYTEA NOT NULL,
          writer TEXT NOT NULL,
          deleted SMALLINT NOT NULL DEFAULT 0)
        """,
        "CREATE UNIQUE INDEX IF NOT EXISTS event_journal_persistence_id ON event_journal (persistence_id, sequence_nr)",
        "CREATE INDEX IF NOT EXISTS event_journal_written_at ON event_journal (written_at)",
        """
        CREATE TABLE IF NOT EXISTS event_tag (
          tag TEXT NOT NULL,
          ordering BIGINT NOT NULL,
          persistence_id TEXT NOT NULL,
          sequence_nr BIGINT NOT NULL,
          PRIMARY KEY (tag, ordering))
        """,
        """
        CREATE TABLE IF NOT EXISTS snapshot_store (
          persistence_id TEXT NOT NULL,
          sequence_nr BIGINT NOT NULL,
          created_at BIGINT NOT NULL,
          serializer_id INTEGER NOT NULL,
          manifest TEXT NOT NULL,
          payload BYTEA NOT NULL,
          PRIMARY KEY (persistence_id, sequence_nr))
        """,
    ];

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
