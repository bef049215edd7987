using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Akka.Event;

namespace SimpleActors.Engine.Persistence.Sql;

/// <summary>
/// The one writer of a journal: writes from many entities that arrive while a transaction runs are
/// queued and go to the database together in the next transaction, with prepared statements on one
/// connection kept open. This is where the journal's throughput comes from (DESIGN.md, "Durability promise
/// and the hot path"): one commit, one WAL sync for SQLite, for as many events as arrived meanwhile.
/// A write completes only after its transaction committed. If a transaction fails, its writes are retried
/// one by one so that one bad write (a duplicate sequence number) fails alone.
/// </summary>
public sealed class JournalWriter : IAsyncDisposable
{
    internal const string InsertEvent =
        """
        INSERT INTO event_journal (persistence_id, sequence_nr, written_at, serializer_id, manifest, payload, writer)
        VALUES (@pid, @seq, @at, @serializer, @manifest, @payload, @writer) RETURNING ordering
        """;

    internal const string InsertTag =
        "INSERT INTO event_tag (tag, ordering, persistence_id, sequence_nr) VALUES (@tag, @ordering, @pid, @seq)";

    private readonly SqlDialect dialect;
    private readonly int maxBatchRows;
    private readonly ILoggingAdapter log;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly Task loop;
    private readonly Task ready;
    private DbConnection? connection;
    private Statements? statements;

    /// <param name="ready">Completes when the tables exist; the writer waits for it before its first transaction.</param>
    public JournalWriter(SqlDialect dialect, int maxBatchRows, ILoggingAdapter log, Task? ready = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchRows, 1);
        this.dialect = dialect;
        this.maxBatchRows = maxBatchRows;
        this.log = log;
        this.ready = ready ?? Task.CompletedTask;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Writes the rows of one atomic write (all or none); completes when they are committed.</summary>
    public Task WriteAsync(IReadOnlyList<JournalRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var pending = new Pending(rows);
        if (!queue.Writer.TryWrite(pending))
        {
            return Task.FromException(new InvalidOperationException("The journal writer is stopped."));
        }

        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        await CloseAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        try
        {
            await ready.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            log.Error(error, "The journal's tables could not be created; writes will fail until the database is reachable");
        }

        var batch = new List<Pending>();
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var rows = 0;
            while (rows < maxBatchRows && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                rows += pending.Rows.Count;
            }

            try
            {
                await WriteAsync(batch).ConfigureAwait(false);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult();
                }
            }
            catch (Exception error) when (batch.Count > 1)
            {
                log.Warning(error, "A journal transaction of {0} writes failed; writing them one by one", batch.Count);
                await CloseAsync().ConfigureAwait(false);
                foreach (var pending in batch)
                {
                    await WriteAloneAsync(pending).ConfigureAwait(false);
                }
            }
            catch (Exception error)
            {
                await CloseAsync().ConfigureAwait(false);
                batch[0].Completion.TrySetException(error);
            }
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            await WriteAsync([pending]).ConfigureAwait(false);
            pending.Completion.TrySetResult();
        }
        catch (Exception error)
        {
            await CloseAsync().ConfigureAwait(false);
            pending.Completion.TrySetException(error);
        }
    }

    /// <summary>Writes a batch in one transaction, timed (<see cref="EngineMetrics.JournalWritten"/>).</summary>
    private async Task WriteAsync(List<Pending> batch)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var committed = false;
        try
        {
            await CommitAsync(batch).ConfigureAwait(false);
            committed = true;
        }
        finally
        {
            EngineMetrics.JournalWritten(startedAt, committed);
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        if (connection is null)
        {
            connection = await dialect.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            statements = null;
        }

        var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            statements ??= new Statements(connection);
            statements.Enlist(transaction);
            foreach (var pending in batch)
            {
                foreach (var row in pending.Rows)
                {
                    await statements.InsertAsync(row).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync().ConfigureAwait(false);
        }
    }

    private async Task CloseAsync()
    {
        statements?.Dispose();
        statements = null;
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            connection = null;
        }
    }

    private sealed class Pending(IReadOnlyList<JournalRow> rows)
    {
        public IReadOnlyList<JournalRow> Rows { get; } = rows;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The two insert statements, prepared once per connection and re-bound per row.</summary>
    private sealed class Statements : IDisposable
    {
        private readonly DbCommand insertEvent;
        private readonly DbCommand insertTag;
        private readonly DbParameter pid, seq, at, serializer, manifest, payload, writer;
        private readonly DbParameter tag, tagOrdering, tagPid, tagSeq;

        public Statements(DbConnection connection)
        {
            insertEvent = connection.CreateCommand();
            insertEvent.CommandText = InsertEvent;
            pid = Add(insertEvent, "@pid");
            seq = Add(insertEvent, "@seq");
            at = Add(insertEvent, "@at");
            serializer = Add(insertEvent, "@serializer");
            manifest = Add(insertEvent, "@manifest");
            payload = Add(insertEvent, "@payload");
            writer = Add(insertEvent, "@writer");
            insertTag = connection.CreateCommand();
            insertTag.CommandText = InsertTag;
            tag = Add(insertTag, "@tag");
            tagOrdering = Add(insertTag, "@ordering");
            tagPid = Add(insertTag, "@pid");
            tagSeq = Add(insertTag, "@seq");
        }

        public void Enlist(DbTransaction transaction)
        {
            insertEvent.Transaction = transaction;
            insertTag.Transaction = transaction;
        }

        public async Task InsertAsync(JournalRow row)
        {
            pid.Value = row.PersistenceId;
            seq.Value = row.SequenceNr;
            at.Value = row.WrittenAt;
            serializer.Value = row.SerializerId;
            manifest.Value = row.Manifest;
            payload.Value = row.Payload;
            writer.Value = row.Writer;
            var ordering = Convert.ToInt64(
                await insertEvent.ExecuteScalarAsync().ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var value in row.Tags)
            {
                tag.Value = value;
                tagOrdering.Value = ordering;
                tagPid.Value = row.PersistenceId;
                tagSeq.Value = row.SequenceNr;
                await insertTag.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }

        public void Dispose()
        {
            insertEvent.Dispose();
            insertTag.Dispose();
        }

        private static DbParameter Add(DbCommand command, string name)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }
    }
}
