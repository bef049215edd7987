namespace SimpleActors.Engine.Persistence.Sql;

/// <summary>
/// The highest sequence number of persistence ids, read in batches (<see cref="BatchedReads{T}"/>): what every recovering
/// entity asks the journal, and what tells cheaply, without starting an entity, that an id has no events at all (0).
/// </summary>
public sealed class HighestSequenceNrs : IAsyncDisposable
{
    private readonly BatchedReads<Highest> reads;

    /// <param name="readers">The pooled connections (not owned).</param>
    public HighestSequenceNrs(SqlReaders readers, int loops)
    {
        reads = new BatchedReads<Highest>(
            readers,
            ids => $"SELECT persistence_id, MAX(sequence_nr) FROM event_journal WHERE persistence_id IN ({ids}) GROUP BY persistence_id",
            row => (row.GetString(0), new Highest(row.GetInt64(1))),
            (a, b) => a.SequenceNr >= b.SequenceNr ? a : b,
            loops);
    }

    /// <summary>The highest sequence number written for <paramref name="persistenceId"/> (deleted events count), 0 for none.</summary>
    public async Task<long> ReadAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        (await reads.ReadAsync(persistenceId, cancellationToken).ConfigureAwait(false))?.SequenceNr ?? 0;

    public ValueTask DisposeAsync() => reads.DisposeAsync();

    private sealed record Highest(long SequenceNr);
}
