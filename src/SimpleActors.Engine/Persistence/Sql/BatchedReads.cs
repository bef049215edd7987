using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace SimpleActors.Engine.Persistence.Sql;

/// <summary>
/// Reads by persistence id that arrive together go to the database as one statement, as the journal's writes do
/// (<see cref="JournalWriter"/>): a recovering entity reads its latest snapshot and its highest sequence number, so when
/// thousands of entities start at once (a registration storm after a restart: every phone an entity never seen) their
/// reads are taken a batch at a time (<c>persistence_id IN (...)</c>), one round trip and one statement execution for
/// many. A read that finds nobody waiting goes alone, at once.
/// <para>The statement is made per batch size, rounded up to a power of two (the ids of a batch repeated to fill it),
/// so each pooled connection prepares at most a few statements. A failed statement fails the reads of its batch.</para>
/// </summary>
/// <typeparam name="T">What one row gives.</typeparam>
public sealed class BatchedReads<T> : IAsyncDisposable
    where T : class
{
    private readonly SqlReaders readers;
    private readonly Func<string, string> statement;
    private readonly Func<DbDataReader, (string PersistenceId, T Value)> readRow;
    private readonly Func<T, T, T> pick;
    private readonly int maxBatch;
    private readonly Channel<Read> queue = Channel.CreateUnbounded<Read>(new UnboundedChannelOptions { AllowSynchronousContinuations = false });
    private readonly Task[] loops;
    private readonly string[] sqlBySize;

    /// <param name="readers">The pooled connections the statements run on.</param>
    /// <param name="statement">The statement for a list of parameters (<c>@p0, @p1, ...</c>) to put in <c>IN (...)</c>.</param>
    /// <param name="readRow">The persistence id and the value of one row.</param>
    /// <param name="pick">Of two rows for one id, the one to keep.</param>
    /// <param name="loops">How many batches may run at once (at most the connections of <paramref name="readers"/>).</param>
    /// <param name="maxBatch">The most ids in one statement (a power of two).</param>
    public BatchedReads(
        SqlReaders readers, Func<string, string> statement, Func<DbDataReader, (string PersistenceId, T Value)> readRow, Func<T, T, T> pick,
        int loops, int maxBatch = 128)
    {
        ArgumentNullException.ThrowIfNull(readers);
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(readRow);
        ArgumentNullException.ThrowIfNull(pick);
        ArgumentOutOfRangeException.ThrowIfLessThan(loops, 1);
        if (maxBatch < 1 || (maxBatch & (maxBatch - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, "A power of two.");
        }

        this.readers = readers;
        this.statement = statement;
        this.readRow = readRow;
        this.pick = pick;
        this.maxBatch = maxBatch;
        sqlBySize = new string[Log2(maxBatch) + 1];
        this.loops = [.. Enumerable.Range(0, loops).Select(_ => Task.Run(RunAsync))];
    }

    /// <summary>The row for <paramref name="persistenceId"/>, or null when it has none.</summary>
    public Task<T?> ReadAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        var read = new Read(persistenceId);
        if (!queue.Writer.TryWrite(read))
        {
            return Task.FromException<T?>(new ObjectDisposedException(nameof(BatchedReads<T>)));
        }

        return cancellationToken.CanBeCanceled ? read.Result.Task.WaitAsync(cancellationToken) : read.Result.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    /// <summary>The statement text for a batch of <paramref name="size"/> ids (a power of two).</summary>
    private static string InList(int size)
    {
        var list = new StringBuilder(size * 5);
        for (var i = 0; i < size; i++)
        {
            list.Append(i == 0 ? "@p" : ", @p").Append(i.ToString(CultureInfo.InvariantCulture));
        }

        return list.ToString();
    }

    private async Task RunAsync()
    {
        var batch = new List<Read>(maxBatch);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var read))
            {
                batch.Add(read);
            }

            if (batch.Count == 0)
            {
                continue; // another loop took them
            }

            try
            {
                var found = await ReadBatchAsync(batch).ConfigureAwait(false);
                foreach (var read in batch)
                {
                    read.Result.TrySetResult(found.GetValueOrDefault(read.PersistenceId));
                }
            }
#pragma warning disable CA1031 // Whatever failed the statement fails the reads that waited for it, never the loop.
            catch (Exception error)
#pragma warning restore CA1031
            {
                foreach (var read in batch)
                {
                    read.Result.TrySetException(error);
                }
            }
        }
    }

    private Task<Dictionary<string, T>> ReadBatchAsync(List<Read> batch)
    {
        var size = 1;
        while (size < batch.Count)
        {
            size <<= 1;
        }

        var parameters = new (string Name, object Value)[size];
        for (var i = 0; i < size; i++)
        {
            parameters[i] = ("@p" + i.ToString(CultureInfo.InvariantCulture), batch[Math.Min(i, batch.Count - 1)].PersistenceId);
        }

        var index = Log2(size);
        var sql = sqlBySize[index] ??= statement(InList(size));
        return readers.ReadAsync(sql, parameters, async command =>
        {
            var found = new Dictionary<string, T>(batch.Count, StringComparer.Ordinal);
            var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    var (persistenceId, value) = readRow(reader);
                    found[persistenceId] = found.TryGetValue(persistenceId, out var other) ? pick(other, value) : value;
                }
            }

            return found;
        }, CancellationToken.None);
    }

    private static int Log2(int powerOfTwo) => System.Numerics.BitOperations.Log2((uint)powerOfTwo);

    private sealed class Read(string persistenceId)
    {
        public string PersistenceId { get; } = persistenceId;

        public TaskCompletionSource<T?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
