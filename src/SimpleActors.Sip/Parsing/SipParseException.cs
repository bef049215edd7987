namespace SimpleActors.Sip.Parsing;

/// <summary>
/// The one error a SIP parser throws: what was wrong and the status a server answers with
/// (RFC 3261 section 21). Any other exception escaping a parser is a bug.
/// </summary>
public sealed class SipParseException : Exception
{
    public SipParseException(int statusCode, string reason)
        : base($"{statusCode} {reason}")
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    public SipParseException()
        : this(400, "Bad Request")
    {
    }

    public SipParseException(string message)
        : this(400, message)
    {
    }

    public SipParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
        Reason = message;
    }

    /// <summary>The SIP status code a server answers the offending request with (400, 413, 414, 416, 420, 505, 513 ...).</summary>
    public int StatusCode { get; }

    /// <summary>A reason phrase that says what was wrong, fit to go on the response's status line.</summary>
    public string Reason { get; }
}
