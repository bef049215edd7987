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

    private const string DeleteMatching = "DELETE FROM snapshot_store WHERE " + Criteria;

    private const string DeleteOne = "DELETE FROM snapshot_store WHERE persistence_id = @pid AND sequence_nr = @seq";

    private readonly SqlDialect dialect;
    private readonly SqlReaders readers;
    private readonly Akka.Serialization.Serialization serialization;

    public SqlSnapshotStore(Config config)
    {
        dialect = SqlDialect.For(JournalSettings.From(config).Store);
        readers = new SqlReaders(dialect, SqlJournal.ReaderConnections);
        serialization = Context.System.Serialization;
    }

    protected override void PostStop()
    {
        _ = readers.DisposeAsync().AsTask();
        base.PostStop();
    }

    private Task? schema;

    private Task Schema => schema is { IsFaulted: false } created ? created : schema = dialect.EnsureSchemaAsync(CancellationToken.None);

    protected override async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await Schema.ConfigureAwait(false);
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
}
