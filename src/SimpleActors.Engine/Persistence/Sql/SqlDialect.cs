using System.Data.Common;

namespace SimpleActors.Engine.Persistence.Sql;

/// <summary>
/// What differs between the databases the journal runs on: how a connection is made and set up, and the
/// few statements whose syntax is not common SQL. Everything else in the journal is plain ADO.NET.
/// </summary>
public abstract class SqlDialect
{
    public static SqlDialect For(JournalStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Provider switch
        {
            PersistenceProvider.Sqlite => new SqliteDialect(store.ConnectionString, store.SqliteSynchronous),
            PersistenceProvider.PostgreSql => new PostgreSqlDialect(store.ConnectionString),
            _ => throw new InvalidOperationException($"Unknown persistence provider {store.Provider}."),
        };
    }

    /// <summary>The tables and indexes, each statement safe to run again.</summary>
    public abstract IReadOnlyList<string> Schema { get; }

    /// <summary>
    /// A statement that serialises schema creation between processes, run first in the schema's transaction; null
    /// where the database needs none. On PostgreSQL two nodes starting together both run CREATE TABLE IF NOT
    /// EXISTS, and the second fails on the catalog's unique index (seen with a three-node cluster).
    /// </summary>
    protected virtual string? SchemaLock => null;

    /// <summary>Opens a connection with the per-connection settings applied.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Runs one statement without parameters.</summary>
    public static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
#pragma warning disable CA2100 // the journal's own constant statements
            command.CommandText = sql;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the journal's tables if they are missing.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (SchemaLock is not { } schemaLock)
            {
                foreach (var statement in Schema)
                {
                    await ExecuteAsync(connection, statement, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, schemaLock, cancellationToken).ConfigureAwait(false);
                foreach (var statement in Schema)
                {
                    await ExecuteAsync(connection, statement, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
