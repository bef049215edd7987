using System.Runtime.CompilerServices;

namespace SimpleActors.Engine.Persistence.Query;

/// <summary>
/// Follows a tag's events as they are written, in the journal's order, polling every <c>refreshInterval</c>. It never
/// passes a row that is not visible yet (<see cref="OrderingFrontier"/>): with several nodes writing, a lower ordering
/// can commit after a higher one, and a reader that went on from the highest ordering seen would skip it for good.
/// </summary>
public sealed class TagFollower
{
    /// <summary>How long a gap in the orderings holds a live query by default before it is taken for a rolled-back insert.</summary>
    public static readonly TimeSpan DefaultGapTimeout = TimeSpan.FromSeconds(10);

    private readonly JournalQueries queries;
    private readonly TimeSpan refreshInterval;
    private readonly TimeSpan gapTimeout;
    private readonly TimeProvider clock;

    public TagFollower(JournalQueries queries, TimeSpan refreshInterval, TimeSpan gapTimeout, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        this.queries = queries;
        this.refreshInterval = refreshInterval;
        this.gapTimeout = gapTimeout;
        this.clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// The tag's events from ordering <paramref name="from"/> on (orderings start at 1: 0 is the journal's beginning), as
    /// they become visible, until cancelled.
    /// </summary>
    public async IAsyncEnumerable<JournalEvent> FollowAsync(string tag, long from, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var frontier = new OrderingFrontier(Math.Max(from, 1), gapTimeout);
        while (!cancellationToken.IsCancellationRequested)
        {
            var start = frontier.Next;
            var visible = await queries.OrderingsAsync(start, cancellationToken).ConfigureAwait(false);
            var settled = frontier.Advance(visible, clock.GetUtcNow());
            if (settled > start)
            {
                await foreach (var e in queries.EventsTagged(tag, new JournalRange(start, BeforePosition: settled), cancellationToken).ConfigureAwait(false))
                {
                    yield return e;
                }
            }

            // A full page all settled: more rows may be there already; else wait for new ones (or for a gap to fill).
            if (visible.Count < queries.PageSize || settled <= visible[^1])
            {
                await Task.Delay(refreshInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
