using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Message;

namespace SimpleActors.Msrp.Parsing;

/// <summary>
/// The one error the MSRP parser throws: what was wrong, the status to answer with (400 unintelligible, 413 too big;
/// RFC 4975 section 10), and as much of the refused frame as could be read, so the caller can decide what to do:
/// answer (<see cref="CanAnswer"/>, <see cref="MsrpResponse.ForRejected"/>), skip the frame and read on
/// (<see cref="FrameLength"/>), or close the connection. Any other exception escaping the parser is a bug.
/// </summary>
public sealed class MsrpParseException : Exception
{
    public MsrpParseException(int statusCode, string reason)
        : base($"{statusCode} {reason}")
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    public MsrpParseException()
        : this(400, "Bad Request")
    {
    }

    public MsrpParseException(string message)
        : this(400, message)
    {
    }

    public MsrpParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
        Reason = message;
    }

    /// <summary>The status to answer a request with: 400 or 413 from the parser.</summary>
    public int StatusCode { get; }

    /// <summary>What was wrong, short enough to go in a response's comment.</summary>
    public string Reason { get; }

    /// <summary>The transaction id, when the start line was readable that far.</summary>
    public string? TransactionId { get; internal init; }

    /// <summary>The method, when the frame is a request whose start line was read whole; null for a response.</summary>
    public string? Method { get; internal init; }

    /// <summary>The To-Path, when it was readable as the first header.</summary>
    public IReadOnlyList<MsrpUri>? ToPath { get; internal init; }

    /// <summary>The From-Path, when it was readable as the second header.</summary>
    public IReadOnlyList<MsrpUri>? FromPath { get; internal init; }

    /// <summary>
    /// The length of the refused frame when its end-line was found and no limit was exceeded: the caller may skip
    /// that many bytes and read the next frame. Null when framing is lost; the connection must then be closed.
    /// </summary>
    public long? FrameLength { get; internal init; }

    /// <summary>
    /// True when a response can be addressed: a request (never a REPORT, RFC 4975 section 7.1.2) with a readable
    /// transaction id, To-Path and From-Path.
    /// </summary>
    public bool CanAnswer => TransactionId is not null && Method is not null && Method != MsrpMethod.Report
                             && ToPath is not null && FromPath is not null;
}
