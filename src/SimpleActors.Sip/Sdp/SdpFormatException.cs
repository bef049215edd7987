namespace SimpleActors.Sip.Sdp;

/// <summary>
/// The one error the SDP reader throws: the text is not a session description we can pass on or use (RFC 8866 section 5),
/// or it is over a <see cref="SdpLimits"/> limit. Any other exception escaping the reader is a bug. A SIP server answers
/// an offer it cannot read with 400 (or 488 when only the media are unusable).
/// </summary>
public sealed class SdpFormatException : Exception
{
    public SdpFormatException()
        : this("Malformed session description")
    {
    }

    public SdpFormatException(string message)
        : base(message)
    {
        Reason = message;
    }

    public SdpFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>An error found on one line (1-based) of the text.</summary>
    public SdpFormatException(string reason, int lineNumber)
        : base(lineNumber > 0 ? $"SDP line {lineNumber}: {reason}" : reason)
    {
        Reason = reason;
        LineNumber = lineNumber;
    }

    /// <summary>What was wrong, without the line number.</summary>
    public string Reason { get; }

    /// <summary>The 1-based line the error is on; 0 when it is about the whole description.</summary>
    public int LineNumber { get; }
}
