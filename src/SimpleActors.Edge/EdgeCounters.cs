namespace SimpleActors.Edge;

/// <summary>What the edge counts (exported as metrics by the operations surface): received, refused, stray.</summary>
public sealed class EdgeCounters
{
    private long requests;
    private long responses;
    private long refused;
    private long refusedUnanswered;
    private long strayResponses;
    private long failures;

    public long Requests => Interlocked.Read(ref requests);

    public long Responses => Interlocked.Read(ref responses);

    /// <summary>Messages refused by the parser or the pre-routing checks.</summary>
    public long Refused => Interlocked.Read(ref refused);

    /// <summary>Refused messages that could not be answered (dropped and counted, RFC 3261 section 18.1.2 / the UDP rule).</summary>
    public long RefusedUnanswered => Interlocked.Read(ref refusedUnanswered);

    public long StrayResponses => Interlocked.Read(ref strayResponses);

    /// <summary>Requests the server failed on (answered 500).</summary>
    public long Failures => Interlocked.Read(ref failures);

    internal void Request() => Interlocked.Increment(ref requests);

    internal void Response() => Interlocked.Increment(ref responses);

    internal void Refusal(bool answered)
    {
        Interlocked.Increment(ref refused);
        if (!answered)
        {
            Interlocked.Increment(ref refusedUnanswered);
        }
    }

    internal void Stray() => Interlocked.Increment(ref strayResponses);

    internal void Failure() => Interlocked.Increment(ref failures);
}
