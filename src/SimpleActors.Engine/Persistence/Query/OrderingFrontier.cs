namespace SimpleActors.Engine.Persistence.Query;

/// <summary>
/// How far a live query may read the journal by its global ordering without passing an event that is not visible yet.
/// Nodes write concurrently: an ordering is taken when a row is inserted, and another node's transaction may commit a
/// higher ordering first. A reader that moved past the gap would never see the lower one. So a gap in the orderings
/// holds the frontier until it fills, or until it has stayed open <c>gapTimeout</c> (then it never will: a rolled-back
/// insert leaves a gap for good). Pure: the caller passes the orderings it sees and the time.
/// </summary>
public sealed class OrderingFrontier
{
    private readonly TimeSpan gapTimeout;
    private (long Ordering, DateTimeOffset Since)? openGap;

    /// <param name="next">The first ordering not yet settled.</param>
    /// <param name="gapTimeout">How long a gap may hold the frontier.</param>
    public OrderingFrontier(long next, TimeSpan gapTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(next);
        ArgumentOutOfRangeException.ThrowIfLessThan(gapTimeout, TimeSpan.Zero);
        Next = next;
        this.gapTimeout = gapTimeout;
    }

    /// <summary>The first ordering not settled: every lower one is visible or given up.</summary>
    public long Next { get; private set; }

    /// <summary>
    /// Moves <see cref="Next"/> over <paramref name="visible"/>, the orderings of the journal's rows from
    /// <see cref="Next"/> on (ascending; any ordering below <see cref="Next"/> is ignored), as seen at
    /// <paramref name="now"/>; stops at the first gap younger than the timeout. Returns <see cref="Next"/>.
    /// </summary>
    public long Advance(IEnumerable<long> visible, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(visible);
        foreach (var ordering in visible)
        {
            if (ordering < Next)
            {
                continue;
            }

            if (ordering > Next)
            {
                // The first time this gap is seen starts its clock; the same gap seen again keeps it.
                if (openGap is not { } gap || gap.Ordering != Next)
                {
                    openGap = gap = (Next, now);
                }

                if (now - gap.Since < gapTimeout)
                {
                    return Next;
                }
            }

            openGap = null;
            Next = ordering + 1;
        }

        return Next;
    }
}
