using System.Collections.Immutable;
using System.Data.Common;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Serialization;

namespace SimpleActors.Engine.Persistence.Sql;

/// <summary>
/// The project's Akka.Persistence journal on SQLite or PostgreSQL, in plain ADO.NET: one table of events
/// (<c>event_journal</c>, a global <c>ordering</c>, the time of the write, the serializer id and manifest of the
/// payload) and one of tags (<c>event_tag</c>) for the read side. Writes go through one <see cref="JournalWriter"/>
/// that batches concurrent writes into one transaction. Replaced Akka.Persistence.Sql, which spent most of the
/// node's allocations building linq2db queries per row (docs/performance.md).
/// </summary>
#pragma warning disable CA1001 // the writer is disposed in PostStop, the actor's end of life
public sealed class SqlJournal : AsyncWriteJournal
#pragma warning restore CA1001
{
    private const string SelectEvents =
        """
        SELECT sequence_nr, serializer_id, manifest, payload, writer, written_at FROM event_journal
        WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to AND deleted = 0
        ORDER BY sequence_nr LIMIT @max
        """;

    private const string MarkDeleted =
        "UPDATE event_journal SET deleted = 1 WHERE persistence_id = @pid AND sequence_nr <= @to";

    // The highest row stays (marked deleted) so that the highest sequence number survives a deletion.
    private const string DeleteMarked =
        """
        DELETE FROM event_journal WHERE persistence_id = @pid AND sequence_nr <= @to
          AND sequence_nr < (SELECT MAX(sequence_nr) FROM event_journal WHERE persistence_id = @pid)
        """;

    private const string DeleteTags = "DELETE FROM event_tag WHERE persistence_id = @pid AND sequence_nr <= @to";

    private readonly SqlDialect dialect;
    private readonly JournalSettings settings;
    private readonly Akka.Serialization.Serialization serialization;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly SqlReaders readers;
    private readonly HighestSequenceNrs highest;
    private JournalWriter? writer;
    private Task? schema;

    public SqlJournal(Config config)
    {
        settings = JournalSettings.From(config);
        dialect = SqlDialect.For(settings.Store);
        readers = new SqlReaders(dialect, ReaderConnections);
        highest = new HighestSequenceNrs(readers, ReaderConnections); // every entity that starts asks: batched
        serialization = Context.System.Serialization;
    }

    /// <summary>Connections kept open for reads (recoveries), per journal and per snapshot store.</summary>
    internal static int ReaderConnections => Math.Max(2, Environment.ProcessorCount);

    // The tables are created once, before the first read or write; nothing here blocks a thread (actors share the pool).
    private Task Schema => schema is { IsFaulted: false } created ? created : schema = dialect.EnsureSchemaAsync(CancellationToken.None);

    protected override void PreStart()
    {
        writer = new JournalWriter(dialect, settings.MaxBatchRows, log, Schema);
        base.PreStart();
    }

    protected override void PostStop()
    {
        // The writer finishes what is queued and closes its connection on its own.
        _ = writer?.DisposeAsync().AsTask();
        _ = highest.DisposeAsync().AsTask().ContinueWith(_ => readers.DisposeAsync().AsTask(), TaskScheduler.Default);
        base.PostStop();
    }

    protected override async Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var results = ImmutableList.CreateBuilder<Exception?>();
        var writes = new List<Task>();
        foreach (var message in messages)
        {
            var events = (IImmutableList<IPersistentRepresentation>)message.Payload;
            List<JournalRow> rows;
            try
            {
                rows = new List<JournalRow>(events.Count);
                foreach (var e in events)
                {
                    rows.Add(ToRow(e, now));
                }
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // Rejected (not failed): the entity goes on, its event was not stored (Akka.Persistence contract).
                results.Add(error);
                continue;
            }

            results.Add(null);
            writes.Add(writer!.WriteAsync(rows));
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
        return results.ToImmutable();
    }

    public override async Task ReplayMessagesAsync(
        IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        await Schema.ConfigureAwait(false);
        (string, object)[] parameters =
            [("@pid", persistenceId), ("@from", fromSequenceNr), ("@to", toSequenceNr), ("@max", Math.Min(max, long.MaxValue))];
        await readers.ReadAsync(SelectEvents, parameters, async command =>
        {
            var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    var sequenceNr = reader.GetInt64(0);
                    var manifest = reader.GetString(2);
                    var payload = serialization.Deserialize((byte[])reader.GetValue(3), reader.GetInt32(1), manifest);
                    recoveryCallback(new Persistent(
                        payload, sequenceNr, persistenceId, manifest, isDeleted: false, ActorRefs.NoSender,
                        reader.GetString(4), reader.GetInt64(5)));
                }
            }

            return true;
        }, CancellationToken.None).ConfigureAwait(false);
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        await Schema.ConfigureAwait(false);
        return await highest.ReadAsync(persistenceId, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        await Schema.ConfigureAwait(false);
        var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var sql in new[] { MarkDeleted, DeleteMarked, DeleteTags })
                {
                    var command = Command(connection, sql, ("@pid", persistenceId), ("@to", toSequenceNr));
                    await using (command.ConfigureAwait(false))
                    {
                        command.Transaction = transaction;
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private JournalRow ToRow(IPersistentRepresentation e, long now)
    {
        var payload = e.Payload;
        IReadOnlyList<string> tags = [];
        if (payload is Tagged tagged)
        {
            payload = tagged.Payload;
            tags = [.. tagged.Tags];
        }

        var serializer = serialization.FindSerializerFor(payload);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, payload);
        return new JournalRow(
            e.PersistenceId, e.SequenceNr, now, serializer.Identifier, manifest, serializer.ToBinary(payload),
            e.WriterGuid ?? string.Empty, tags);
    }

    internal static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // the journal's own constant statements
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
