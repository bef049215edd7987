using System.Collections.Concurrent;
using System.Data.Common;

namespace SimpleActors.Engine.Persistence.Sql;

/// <summary>
/// A few connections kept open for the journal's and snapshot store's reads, each with its statements prepared once
/// and reused (a recovering entity reads its snapshot and its highest sequence number: two reads for every entity
/// that starts, so opening a connection, setting it up and preparing the statement every time showed in profiles).
/// At most <c>size</c> reads run at once; a connection that failed is dropped and the next read opens a new one.
/// </summary>
public sealed class SqlReaders : IAsyncDisposable
{
    private readonly SqlDialect dialect;
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentBag<Reader> idle = [];

    public SqlReaders(SqlDialect dialect, int size)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        this.dialect = dialect;
        slots = new SemaphoreSlim(size, size);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> with the parameters' values (names and order fixed per statement) on a pooled
    /// connection and hands the command to <paramref name="run"/>, which reads what it needs before it returns.
    /// </summary>
    public async Task<T> ReadAsync<T>(
        string sql, (string Name, object Value)[] parameters, Func<DbCommand, Task<T>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(run);
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        Reader? reader = null;
        try
        {
            reader = idle.TryTake(out var pooled) ? pooled : new Reader(await dialect.OpenAsync(cancellationToken).ConfigureAwait(false));
            var result = await run(reader.Prepared(sql, parameters)).ConfigureAwait(false);
            idle.Add(reader);
            reader = null;
            return result;
        }
        finally
        {
            if (reader is not null)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }

            slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryTake(out var reader))
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }

        slots.Dispose();
    }

    /// <summary>One open connection and its commands by statement.</summary>
    private sealed class Reader(DbConnection connection) : IAsyncDisposable
    {
        private readonly Dictionary<string, DbCommand> commands = new(StringComparer.Ordinal);

        public DbCommand Prepared(string sql, (string Name, object Value)[] parameters)
        {
            if (!commands.TryGetValue(sql, out var command))
            {
                command = SqlJournal.Command(connection, sql, parameters);
                commands[sql] = command;
                return command;
            }

            for (var i = 0; i < parameters.Length; i++)
            {
                command.Parameters[i].Value = parameters[i].Value;
            }

            return command;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in commands.Values)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
