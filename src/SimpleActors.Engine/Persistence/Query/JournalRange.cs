namespace SimpleActors.Engine.Persistence.Query;

/// <summary>
/// Which events a query wants: from a position (a sequence number of one entity, or the journal's ordering for a tag)
/// and before another (<paramref name="BeforePosition"/>, exclusive), written within a time window. Null bounds are open.
/// </summary>
public sealed record JournalRange(long FromPosition = 0, DateTimeOffset? From = null, DateTimeOffset? To = null, long BeforePosition = long.MaxValue)
{
    public static readonly JournalRange All = new();

    internal long FromMilliseconds => From?.ToUnixTimeMilliseconds() ?? long.MinValue;

    internal long ToMilliseconds => To?.ToUnixTimeMilliseconds() ?? long.MaxValue;

    /// <summary>
    /// True when an event written at <paramref name="writtenAt"/> is within the time window, to the millisecond as the
    /// queries compare: for a replay that reads a whole history (to rebuild the state) and shows only the window.
    /// </summary>
    public bool CoversWrittenAt(DateTimeOffset writtenAt)
    {
        var milliseconds = writtenAt.ToUnixTimeMilliseconds();
        return milliseconds >= FromMilliseconds && milliseconds <= ToMilliseconds;
    }
}
