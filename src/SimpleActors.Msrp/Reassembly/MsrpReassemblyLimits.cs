namespace SimpleActors.Msrp.Reassembly;

/// <summary>
/// What one session's <see cref="MsrpReassembly"/> holds at most. A chunk that would pass a limit is refused with 413
/// (RFC 4975 section 10.5: stop sending this message), and the message's bytes are dropped.
/// </summary>
public sealed record MsrpReassemblyLimits
{
    public static readonly MsrpReassemblyLimits Default = new();

    /// <summary>
    /// The largest message taken, as offered in SDP <c>a=max-size</c> (RFC 4975 section 8.6): a message whose declared
    /// total, or whose bytes, go beyond it is refused on the first chunk that shows it (section 7.3.1).
    /// </summary>
    public long MaxMessageSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// What the session's unfinished messages may cost at once: their bytes, and <see cref="RangeCost"/> for each range
    /// of bytes stored apart, so that a sender of one-byte chunks with gaps between them cannot hold more than this.
    /// </summary>
    public long MaxSessionBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>How many unfinished messages the session holds at once; the first chunk of one more is refused.</summary>
    public int MaxPartialMessages { get; init; } = 16;

    /// <summary>The bookkeeping each range of bytes stored apart costs, counted in <see cref="MaxSessionBytes"/>.</summary>
    public int RangeCost { get; init; } = 64;

    /// <summary>Throws if a limit is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxMessageSize, nameof(MaxMessageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxMessageSize, (long)Array.MaxLength, nameof(MaxMessageSize));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxSessionBytes, nameof(MaxSessionBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxPartialMessages, nameof(MaxPartialMessages));
        ArgumentOutOfRangeException.ThrowIfNegative(RangeCost, nameof(RangeCost));
    }
}
