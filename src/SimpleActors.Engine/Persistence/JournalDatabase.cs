using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SimpleActors.Engine.Persistence;

/// <summary>
/// Prepares and checks the database behind a <see cref="JournalStore"/> before the actor system
/// uses it, so that a wrong path or an unreachable server fails the start with a clear message.
/// </summary>
public static class JournalDatabase
{
    /// <summary>
    /// Creates the SQLite file's directory, switches SQLite to write-ahead logging (readers do not
    /// block the journal writer), and runs <c>SELECT 1</c>.
    /// </summary>
    public static async Task PrepareAsync(JournalStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);

        if (store.SqliteFile is { } file && Path.GetDirectoryName(file) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = Open(store);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        if (store.Provider == PersistenceProvider.Sqlite)
        {
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        var one = await ExecuteAsync(connection, "SELECT 1;", cancellationToken).ConfigureAwait(false);
        if (Convert.ToInt32(one, System.Globalization.CultureInfo.InvariantCulture) != 1)
        {
            throw new InvalidOperationException($"The {store.Provider} journal database did not answer SELECT 1.");
        }
    }

    private static DbConnection Open(JournalStore store) => store.Provider switch
    {
        PersistenceProvider.Sqlite => new SqliteConnection(store.ConnectionString),
        PersistenceProvider.PostgreSql => new NpgsqlConnection(store.ConnectionString),
        _ => throw new InvalidOperationException($"Unknown persistence provider {store.Provider}."),
    };

    private static async Task<object?> ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // constant SQL text only
        command.CommandText = sql;
#pragma warning restore CA2100
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
