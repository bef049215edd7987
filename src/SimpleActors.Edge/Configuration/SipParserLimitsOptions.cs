namespace SimpleActors.Edge.Configuration;

/// <summary>
/// The limits the SIP parser enforces on every message it reads (<c>Sip:Limits</c>); a message past
/// a limit is answered with 413 or 400, or dropped over UDP.
/// </summary>
public sealed class SipParserLimitsOptions
{
    /// <summary>The largest message, start line, headers and body together, in bytes.</summary>
    public int MaxMessageSize { get; set; } = 65536;

    /// <summary>The most header fields in one message.</summary>
    public int MaxHeaderCount { get; set; } = 128;

    /// <summary>The longest start line or header line (with its folded continuations), in bytes.</summary>
    public int MaxLineLength { get; set; } = 8192;

    /// <summary>The largest body, in bytes.</summary>
    public int MaxBodySize { get; set; } = 65536;
}
