namespace SimpleActors.Xcap;

/// <summary>
/// The one error the XCAP URI and node selector parsers throw: the request URI names no XCAP resource. The server answers
/// with <see cref="StatusCode"/> (404 outside the XCAP root or for a bad document selector, 400 for a malformed node
/// selector or query, 414 for an over-long URI) and <see cref="Reason"/> as the reason phrase.
/// </summary>
public sealed class XcapUriException : Exception
{
    public XcapUriException()
        : this(400, "malformed XCAP URI")
    {
    }

    public XcapUriException(string message)
        : this(400, message)
    {
    }

    public XcapUriException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
        Reason = message;
    }

    public XcapUriException(int statusCode, string reason)
        : base(reason)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The HTTP status to answer: 400, 404 or 414.</summary>
    public int StatusCode { get; }

    /// <summary>Why, for the reason phrase and the log.</summary>
    public string Reason { get; }
}
