using SimpleActors.Sip.Parsing;

namespace SimpleActors.Edge.Configuration;

/// <summary>
/// The limits the SIP parser enforces on every message it reads (<c>Sip:Limits</c>), as
/// configuration; the defaults are <see cref="SipParserLimits.Default"/>.
/// </summary>
public sealed class SipParserLimitsOptions
{
    /// <summary>The largest message, start line, headers and body together, in bytes.</summary>
    public int MaxMessageSize { get; set; } = SipParserLimits.Default.MaxMessageSize;

    /// <summary>The most header fields in one message.</summary>
    public int MaxHeaderCount { get; set; } = SipParserLimits.Default.MaxHeaderCount;

    /// <summary>The longest start line or header line (with its folded continuations), in bytes.</summary>
    public int MaxLineLength { get; set; } = SipParserLimits.Default.MaxLineLength;

    /// <summary>The largest body, in bytes.</summary>
    public int MaxBodySize { get; set; } = SipParserLimits.Default.MaxBodySize;

    /// <summary>The limits in the form the parser takes.</summary>
    public SipParserLimits ToParserLimits() => new()
    {
        MaxMessageSize = MaxMessageSize,
        MaxHeaderCount = MaxHeaderCount,
        MaxLineLength = MaxLineLength,
        MaxBodySize = MaxBodySize,
    };
}
