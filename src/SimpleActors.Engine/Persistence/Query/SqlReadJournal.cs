using System.Runtime.CompilerServices;
using Akka;
using Akka.Persistence.Query;
using Akka.Streams.Dsl;

namespace SimpleActors.Engine.Persistence.Query;

/// <summary>
/// The read side of the project's journal for Akka.Persistence.Query (<c>PersistenceQuery.Get(system)
/// .ReadJournalFor&lt;SqlReadJournal&gt;(SqlReadJournal.Identifier)</c>): one entity's events or a tag's, as they are now
/// (<c>Current...</c>) or followed as they are written (polled every <c>refresh-interval</c>; a tag's never past a row not
/// visible yet, waiting up to <c>gap-timeout</c> for it), plus the same bounded by
/// the time of writing. Akka.Persistence.Sql's read journal cannot serve here: it reads its own schema, and the
/// journal is ours (<see cref="Sql.SqlJournal"/>); this one reads our tables with <see cref="JournalQueries"/>.
/// </summary>
public sealed class SqlReadJournal :
    IReadJournal, ICurrentEventsByPersistenceIdQuery, IEventsByPersistenceIdQuery, ICurrentEventsByTagQuery, IEventsByTagQuery
{
    /// <summary>The plugin's configuration path, the id to ask <c>PersistenceQuery</c> for.</summary>
    public const string Identifier = "akka.persistence.query.journal.simpleactors";

    private readonly JournalQueries queries;
    private readonly TimeSpan refreshInterval;
    private readonly TagFollower tags;

    public SqlReadJournal(JournalQueries queries, TimeSpan refreshInterval, TimeSpan? gapTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        this.queries = queries;
        this.refreshInterval = refreshInterval;
        tags = new TagFollower(queries, refreshInterval, gapTimeout ?? TagFollower.DefaultGapTimeout);
    }

    public Source<EventEnvelope, NotUsed> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr) =>
        Source.From(() => queries.EventsOf(persistenceId, new JournalRange(fromSequenceNr)))
            .TakeWhile(e => e.SequenceNr <= toSequenceNr)
            .Select(Envelope);

    public Source<EventEnvelope, NotUsed> EventsByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr) =>
        Source.From(() => FollowAsync((from, ct) => queries.EventsOf(persistenceId, new JournalRange(from), ct), fromSequenceNr, e => e.SequenceNr + 1))
            .TakeWhile(e => e.SequenceNr <= toSequenceNr)
            .Select(Envelope);

    public Source<EventEnvelope, NotUsed> CurrentEventsByTag(string tag, Offset offset) =>
        Source.From(() => queries.EventsTagged(tag, new JournalRange(After(offset)))).Select(Envelope);

    /// <summary>A tag's events as they are written, never passing one that is not visible yet (<see cref="TagFollower"/>).</summary>
    public Source<EventEnvelope, NotUsed> EventsByTag(string tag, Offset offset) =>
        Source.From(() => tags.FollowAsync(tag, After(offset))).Select(Envelope);

    /// <summary>One entity's events written between <paramref name="from"/> and <paramref name="to"/> (null: open).</summary>
    public Source<EventEnvelope, NotUsed> CurrentEventsByPersistenceId(string persistenceId, DateTimeOffset? from, DateTimeOffset? to) =>
        Source.From(() => queries.EventsOf(persistenceId, new JournalRange(0, from, to))).Select(Envelope);

    /// <summary>A tag's events written between <paramref name="from"/> and <paramref name="to"/> (null: open).</summary>
    public Source<EventEnvelope, NotUsed> CurrentEventsByTag(string tag, DateTimeOffset? from, DateTimeOffset? to) =>
        Source.From(() => queries.EventsTagged(tag, new JournalRange(0, from, to))).Select(Envelope);

    // A Sequence offset is the last ordering seen; the next wanted is the one after it.
    private static long After(Offset offset) => offset is Sequence sequence ? sequence.Value + 1 : 0;

    private static EventEnvelope Envelope(JournalEvent e) =>
        new(new Sequence(e.Ordering), e.PersistenceId, e.SequenceNr, e.Event, e.WrittenAt.ToUnixTimeMilliseconds(), []);

    private async IAsyncEnumerable<JournalEvent> FollowAsync(
        Func<long, CancellationToken, IAsyncEnumerable<JournalEvent>> read, long from, Func<JournalEvent, long> next,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await foreach (var e in read(from, cancellationToken).ConfigureAwait(false))
            {
                from = next(e);
                yield return e;
            }

            await Task.Delay(refreshInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
