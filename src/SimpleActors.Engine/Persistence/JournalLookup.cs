using SimpleActors.Engine.Persistence.Sql;

namespace SimpleActors.Engine.Persistence;

/// <summary>
/// What the edge may ask the journal directly, without starting an entity: whether a persistence id has any event. A
/// new binding asks whether the user's mailbox ever held a message (most never do), so a registration storm does not
/// also start a mailbox entity per user. Reads are batched; the journal is the shared database, so the answer holds on
/// every node of a cluster.
/// </summary>
public sealed class JournalLookup : IAsyncDisposable, IDisposable
{
    private readonly SqlReaders readers;
    private readonly HighestSequenceNrs highest;

    public JournalLookup(JournalStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        readers = new SqlReaders(SqlDialect.For(store), 1);
        highest = new HighestSequenceNrs(readers, 1);
    }

    /// <summary>True when <paramref name="persistenceId"/> has at least one event (deleted ones count).</summary>
    public async Task<bool> HasEventsAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        await highest.ReadAsync(persistenceId, cancellationToken).ConfigureAwait(false) > 0;

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await highest.DisposeAsync().ConfigureAwait(false);
        await readers.DisposeAsync().ConfigureAwait(false);
    }
}
