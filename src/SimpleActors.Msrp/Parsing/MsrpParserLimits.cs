namespace SimpleActors.Msrp.Parsing;

/// <summary>
/// What the parser accepts, checked as bytes arrive: a frame is refused as soon as it is known to be over a limit,
/// before it is buffered whole.
/// </summary>
public sealed record MsrpParserLimits
{
    public static readonly MsrpParserLimits Default = new();

    /// <summary>The start line and the header lines with their CRLFs (400 beyond it).</summary>
    public int MaxHeadSize { get; init; } = 8 * 1024;

    /// <summary>Header lines, To-Path and From-Path included (400 beyond it).</summary>
    public int MaxHeaderCount { get; init; } = 64;

    /// <summary>
    /// The body of one chunk (413 beyond it). Senders chunk large messages (RFC 4975 section 5.1), and relays are
    /// free to cap chunks far lower: Kamailio takes frames of about 14 KB.
    /// </summary>
    public int MaxBodySize { get; init; } = 1024 * 1024;

    /// <summary>Throws if a limit is too small to frame a valid message.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeadSize, 64, nameof(MaxHeadSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeaderCount, 2, nameof(MaxHeaderCount));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxBodySize, nameof(MaxBodySize));
    }
}
