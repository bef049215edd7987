namespace SimpleActors.Sip.Parsing;

/// <summary>
/// What the parser accepts, checked as bytes arrive: a message is refused as soon as it is known to be
/// over a limit, before it is buffered whole.
/// </summary>
public sealed record SipParserLimits
{
    public static readonly SipParserLimits Default = new();

    /// <summary>Start line, headers and body together (513 Message Too Large beyond it).</summary>
    public int MaxMessageSize { get; init; } = 64 * 1024;

    /// <summary>Header field rows (513 beyond it).</summary>
    public int MaxHeaderCount { get; init; } = 128;

    /// <summary>Any one line, a folded header counting as one line (414 for the request line, 513 for a header).</summary>
    public int MaxLineLength { get; init; } = 8 * 1024;

    /// <summary>The body (413 Request Entity Too Large beyond it).</summary>
    public int MaxBodySize { get; init; } = 60 * 1024;

    /// <summary>Throws if a limit is not positive.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageSize, 64, nameof(MaxMessageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeaderCount, 1, nameof(MaxHeaderCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineLength, 32, nameof(MaxLineLength));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxBodySize, nameof(MaxBodySize));
    }
}
