namespace SimpleActors.Edge.Configuration;

/// <summary>
/// The <c>Sip:Overload</c> section: how much a node takes on before it answers 503 with Retry-After (RFC 3261 section
/// 21.5.4) instead of queueing requests whose answer would come after the client gave up.
/// </summary>
public sealed class SipOverloadOptions
{
    /// <summary>
    /// The most requests waiting for an entity at once on this node; one more is answered 503 at once. At a few thousand
    /// requests a second this is a second or two of work: more would only wait to time out.
    /// </summary>
    public int MaxPendingRequests { get; set; } = 5000;

    /// <summary>
    /// The least Retry-After of a 503 for overload; each answer picks between this and twice this, so that clients sent
    /// away together (a registration storm) do not all come back in the same second.
    /// </summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the edge waits for an entity's answer before it asks once more (the second wait is a third longer).</summary>
    public TimeSpan EntityTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
