using System.Data.Common;
using SimpleActors.Engine.Persistence.Sql;

namespace SimpleActors.Engine.Persistence;

/// <summary>
/// Prepares and checks the database behind a <see cref="JournalStore"/> before the actor system
/// uses it, so that a wrong path or an unreachable server fails the start with a clear message.
/// </summary>
public static class JournalDatabase
{
    /// <summary>
    /// Creates the SQLite file's directory, switches SQLite to write-ahead logging (readers do not
    /// block the journal writer), runs <c>SELECT 1</c> and creates the journal's tables if missing.
    /// </summary>
    public static async Task PrepareAsync(JournalStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);

        if (store.SqliteFile is { } file && Path.GetDirectoryName(file) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var dialect = SqlDialect.For(store);
        var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (store.Provider == PersistenceProvider.Sqlite)
            {
                await ScalarAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            }

            var one = await ScalarAsync(connection, "SELECT 1;", cancellationToken).ConfigureAwait(false);
            if (Convert.ToInt32(one, System.Globalization.CultureInfo.InvariantCulture) != 1)
            {
                throw new InvalidOperationException($"The {store.Provider} journal database did not answer SELECT 1.");
            }
        }

        await dialect.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the database answers <c>SELECT 1</c> now (the readiness check of a running node).</summary>
    public static async Task<bool> PingAsync(JournalStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var connection = await SqlDialect.For(store).OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var one = await ScalarAsync(connection, "SELECT 1;", cancellationToken).ConfigureAwait(false);
            return Convert.ToInt32(one, System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
#pragma warning disable CA2100 // constant SQL text only
            command.CommandText = sql;
#pragma warning restore CA2100
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
