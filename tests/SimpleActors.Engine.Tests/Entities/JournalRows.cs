using Microsoft.Data.Sqlite;

namespace SimpleActors.Engine.Tests.Entities;

/// <summary>Reads the rows of the journal's table directly, as an operator would.</summary>
internal static class JournalRows
{
    public sealed record Row(long SequenceNr, int SerializerId, string Manifest, byte[] Payload);

    public static async Task<IReadOnlyList<Row>> ReadAsync(string sqliteFile, string persistenceId)
    {
        await using var connection = new SqliteConnection($"Data Source={sqliteFile};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT sequence_nr, serializer_id, manifest, payload FROM event_journal WHERE persistence_id = $id ORDER BY sequence_nr";
        command.Parameters.AddWithValue("$id", persistenceId);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), (byte[])reader.GetValue(3)));
        }

        return rows;
    }

    /// <summary>How many snapshots of the entity the snapshot table holds.</summary>
    public static async Task<long> SnapshotCountAsync(string sqliteFile, string persistenceId)
    {
        await using var connection = new SqliteConnection($"Data Source={sqliteFile};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM snapshot_store WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", persistenceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
