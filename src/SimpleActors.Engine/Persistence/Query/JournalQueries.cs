using System.Data.Common;
using System.Runtime.CompilerServices;
using SimpleActors.Engine.Persistence.Sql;

namespace SimpleActors.Engine.Persistence.Query;

/// <summary>
/// Reads the journal's events back in order, a page at a time (never a whole history in memory): one entity's events
/// by sequence number, or a tag's by the journal's global ordering, within a <see cref="JournalRange"/>. The same tables
/// on SQLite and PostgreSQL; works on a running cluster's database and on a stopped node's file alike. Payloads are
/// deserialized by Akka's serialization, with the serializer id and manifest stored beside them.
/// </summary>
public sealed class JournalQueries
{
    /// <summary>The events of a page.</summary>
    public const int DefaultPageSize = 500;

    private const string SelectByPersistenceId =
        """
        SELECT ordering, persistence_id, sequence_nr, written_at, serializer_id, manifest, payload FROM event_journal
        WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr < @before AND written_at >= @since AND written_at <= @until
          AND deleted = 0
        ORDER BY sequence_nr LIMIT @max
        """;

    private const string SelectByTag =
        """
        SELECT j.ordering, j.persistence_id, j.sequence_nr, j.written_at, j.serializer_id, j.manifest, j.payload
        FROM event_tag t JOIN event_journal j ON j.ordering = t.ordering
        WHERE t.tag = @tag AND t.ordering >= @from AND t.ordering < @before AND j.written_at >= @since AND j.written_at <= @until
          AND j.deleted = 0
        ORDER BY t.ordering LIMIT @max
        """;

    // Every row's ordering, deleted or not (a gap is a row not visible, not an event not wanted).
    private const string SelectOrderings = "SELECT ordering FROM event_journal WHERE ordering >= @from ORDER BY ordering LIMIT @max";

    private const string SelectLastOrdering = "SELECT COALESCE(MAX(ordering), 0) FROM event_journal";

    private readonly SqlDialect dialect;
    private readonly Akka.Serialization.Serialization serialization;
    private readonly int pageSize;

    public JournalQueries(JournalStore store, Akka.Serialization.Serialization serialization, int pageSize = DefaultPageSize)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(serialization);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        dialect = SqlDialect.For(store);
        this.serialization = serialization;
        this.pageSize = pageSize;
    }

    /// <summary>The events of one entity, by sequence number (<see cref="JournalRange.FromPosition"/> the first wanted).</summary>
    public IAsyncEnumerable<JournalEvent> EventsOf(string persistenceId, JournalRange range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(range);
        return PagesAsync(SelectByPersistenceId, ("@pid", persistenceId), range, e => e.SequenceNr + 1, cancellationToken);
    }

    /// <summary>The events with a tag, in the journal's order (<see cref="JournalRange.FromPosition"/> the first ordering wanted).</summary>
    public IAsyncEnumerable<JournalEvent> EventsTagged(string tag, JournalRange range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(range);
        return PagesAsync(SelectByTag, ("@tag", tag), range, e => e.Ordering + 1, cancellationToken);
    }

    /// <summary>
    /// The orderings of the journal's rows from <paramref name="from"/> on, at most a page: what a live query needs to see
    /// the gaps (<see cref="OrderingFrontier"/>).
    /// </summary>
    public async Task<IReadOnlyList<long>> OrderingsAsync(long from, CancellationToken cancellationToken = default) =>
        await RowsAsync(SelectOrderings, r => r.GetInt64(0), cancellationToken, ("@from", from), ("@max", pageSize)).ConfigureAwait(false);

    /// <summary>The highest ordering of the journal's rows now visible; 0 for an empty journal.</summary>
    public async Task<long> LastOrderingAsync(CancellationToken cancellationToken = default) =>
        (await RowsAsync(SelectLastOrdering, r => r.GetInt64(0), cancellationToken).ConfigureAwait(false))[0];

    /// <summary>The number of orderings a page of <see cref="OrderingsAsync"/> holds at most.</summary>
    public int PageSize => pageSize;

    private async IAsyncEnumerable<JournalEvent> PagesAsync(
        string sql, (string Name, object Value) key, JournalRange range, Func<JournalEvent, long> next,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = range.FromPosition;
        while (true)
        {
            var page = await PageAsync(sql, key, from, range, cancellationToken).ConfigureAwait(false);
            foreach (var e in page)
            {
                yield return e;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            from = next(page[^1]);
        }
    }

    private Task<List<JournalEvent>> PageAsync(
        string sql, (string Name, object Value) key, long from, JournalRange range, CancellationToken cancellationToken) =>
        RowsAsync(
            sql, Read, cancellationToken, key, ("@from", from), ("@before", range.BeforePosition), ("@since", range.FromMilliseconds),
            ("@until", range.ToMilliseconds), ("@max", pageSize));

    /// <summary>Runs a query on a connection of its own and reads every row it returns.</summary>
    private async Task<List<T>> RowsAsync<T>(
        string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var rows = new List<T>();
        var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = SqlJournal.Command(connection, sql, parameters);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(read(reader));
                    }
                }
            }
        }

        return rows;
    }

    private JournalEvent Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt64(2),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
        serialization.Deserialize((byte[])reader.GetValue(6), reader.GetInt32(4), reader.GetString(5)));
}
