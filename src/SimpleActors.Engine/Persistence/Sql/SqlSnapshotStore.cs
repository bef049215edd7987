using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Snapshot;
using Akka.Serialization;

namespace SimpleActors.Engine.Persistence.Sql;

/// <summary>The project's snapshot store: table <c>snapshot_store</c> next to the journal, same database and serializers.</summary>
#pragma warning disable CA1001 // the readers are disposed in PostStop, the actor's end of life
public sealed class SqlSnapshotStore : SnapshotStore
#pragma warning restore CA1001
{
    private const string Upsert =
        """
        INSERT INTO snapshot_store (persistence_id, sequence_nr, created_at, serializer_id, manifest, payload)
        VALUES (@pid, @seq, @created, @serializer, @manifest, @payload)
        ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET
          created_at = excluded.created_at, serializer_id = excluded.serializer_id,
          manifest = excluded.manifest, payload = excluded.payload
        """;

    private const string Criteria =
        "persistence_id = @pid AND sequence_nr <= @maxSeq AND sequence_nr >= @minSeq AND created_at <= @maxAt AND created_at >= @minAt";

    private const string SelectLatest =
        "SELECT sequence_nr, created_at, serializer_id, manifest, payload FROM snapshot_store WHERE " + Criteria +
        " ORDER BY sequence_nr DESC LIMIT 1";

    // Batched (BatchedReads): every entity that starts asks for its latest snapshot; older ones of an id are deleted
    // once a newer one is saved, so an id has one row, two for a moment.
    private static string SelectOfIds(string ids) =>
        $"SELECT persistence_id, sequence_nr, created_at, serializer_id, manifest, payload FROM snapshot_store WHERE persistence_id IN ({ids})";

    private const string DeleteMatching = "DELETE FROM snapshot_store WHERE " + Criteria;

    private const string DeleteOne = "DELETE FROM snapshot_store WHERE persistence_id = @pid AND sequence_nr = @seq";

    private readonly SqlDialect dialect;
    private readonly SqlReaders readers;
    private readonly BatchedReads<SnapshotRow> latest;
    private readonly Akka.Serialization.Serialization serialization;

    public SqlSnapshotStore(Config config)
    {
        dialect = SqlDialect.For(JournalSettings.From(config).Store);
        readers = new SqlReaders(dialect, SqlJournal.ReaderConnections);
        latest = new BatchedReads<SnapshotRow>(
            readers, SelectOfIds,
            row => (row.GetString(0), new SnapshotRow(row.GetInt64(1), row.GetInt64(2), row.GetInt32(3), row.GetString(4), (byte[])row.GetValue(5))),
            (a, b) => a.SequenceNr >= b.SequenceNr ? a : b,
            SqlJournal.ReaderConnections);
        serialization = Context.System.Serialization;
    }

    protected override void PostStop()
    {
        _ = latest.DisposeAsync().AsTask().ContinueWith(_ => readers.DisposeAsync().AsTask(), TaskScheduler.Default);
        base.PostStop();
    }

    private Task? schema;

    private Task Schema => schema is { IsFaulted: false } created ? created : schema = dialect.EnsureSchemaAsync(CancellationToken.None);

    protected override async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await Schema.ConfigureAwait(false);
        if (IsLatest(criteria))
        {
            // What every recovery asks (Recovery.Default): batched with the other entities starting now.
            return await latest.ReadAsync(persistenceId, cancellationToken).ConfigureAwait(false) is { } row
                ? new SelectedSnapshot(
                    new SnapshotMetadata(persistenceId, row.SequenceNr, new DateTime(row.CreatedAt, DateTimeKind.Utc)),
                    serialization.Deserialize(row.Payload, row.SerializerId, row.Manifest))
                : null;
        }

        return await readers.ReadAsync(SelectLatest, Parameters(persistenceId, criteria), async command =>
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), new DateTime(reader.GetInt64(1), DateTimeKind.Utc));
                var snapshot = serialization.Deserialize((byte[])reader.GetValue(4), reader.GetInt32(2), reader.GetString(3));
                return (SelectedSnapshot?)new SelectedSnapshot(metadata, snapshot);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var serializer = serialization.FindSerializerFor(snapshot);
        await ExecuteAsync(
            Upsert,
            [
                ("@pid", metadata.PersistenceId), ("@seq", metadata.SequenceNr), ("@created", metadata.Timestamp.Ticks),
                ("@serializer", serializer.Identifier), ("@manifest", Akka.Serialization.Serialization.ManifestFor(serializer, snapshot)),
                ("@payload", serializer.ToBinary(snapshot)),
            ],
            cancellationToken).ConfigureAwait(false);
    }

    protected override Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return ExecuteAsync(DeleteOne, [("@pid", metadata.PersistenceId), ("@seq", metadata.SequenceNr)], cancellationToken);
    }

    protected override Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return ExecuteAsync(DeleteMatching, Parameters(persistenceId, criteria), cancellationToken);
    }

    private static bool IsLatest(SnapshotSelectionCriteria criteria) =>
        criteria.MaxSequenceNr == long.MaxValue && criteria.MaxTimeStamp == DateTime.MaxValue && criteria.MinSequenceNr <= 0
        && (criteria.MinTimestamp is null || criteria.MinTimestamp == DateTime.MinValue);

    private static (string, object)[] Parameters(string persistenceId, SnapshotSelectionCriteria criteria) =>
    [
        ("@pid", persistenceId), ("@maxSeq", criteria.MaxSequenceNr), ("@minSeq", criteria.MinSequenceNr),
        ("@maxAt", criteria.MaxTimeStamp.Ticks), ("@minAt", (criteria.MinTimestamp ?? DateTime.MinValue).Ticks),
    ];

    private async Task ExecuteAsync(string sql, (string, object)[] parameters, CancellationToken cancellationToken)
    {
        await Schema.ConfigureAwait(false);
        var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = SqlJournal.Command(connection, sql, parameters);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A snapshot as its row holds it.</summary>
    private sealed record SnapshotRow(long SequenceNr, long CreatedAt, int SerializerId, string Manifest, byte[] Payload);
}
