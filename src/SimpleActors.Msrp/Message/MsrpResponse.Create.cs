using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Message;

/// <summary>Building the response to a request (RFC 4975 section 7.2).</summary>
public sealed partial class MsrpResponse
{
    /// <summary>
    /// The response to <paramref name="request"/>: the same transaction id; To-Path the request's From-Path, only its
    /// first URI (the previous hop) for a SEND, whose responses go hop by hop; From-Path the responder's URI alone,
    /// by default the request's first To-Path URI for a SEND and its last (the endpoint) otherwise. The comment defaults
    /// to the code's usual text. Never build one for a REPORT (section 7.1.2): this throws.
    /// </summary>
    public static MsrpResponse ForRequest(MsrpRequest request, int statusCode, string? comment = null, MsrpUri? responder = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Create(request.TransactionId, request.Method, request.ToPath, request.FromPath, statusCode, comment, responder);
    }

    /// <summary>
    /// The response to a frame the parser refused (its status and reason), or null when none can be addressed
    /// (<see cref="MsrpParseException.CanAnswer"/>): a response, a REPORT, or a request whose start line, To-Path or
    /// From-Path did not read. The caller then closes the connection unless <see cref="MsrpParseException.FrameLength"/>
    /// lets it skip the frame.
    /// </summary>
    public static MsrpResponse? ForRejected(MsrpParseException error, MsrpUri? responder = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!error.CanAnswer)
        {
            return null;
        }

        return Create(error.TransactionId!, error.Method!, error.ToPath!, error.FromPath!, error.StatusCode, error.Reason, responder);
    }

    /// <summary>The usual comment for the codes of RFC 4975 section 10 and RFC 4976; null for others.</summary>
    public static string? StandardComment(int statusCode) => statusCode switch
    {
        MsrpStatusCode.Ok => "OK",
        MsrpStatusCode.BadRequest => "Bad Request",
        MsrpStatusCode.Unauthorized => "Unauthorized",
        MsrpStatusCode.Forbidden => "Forbidden",
        MsrpStatusCode.RequestTimeout => "Request Timeout",
        MsrpStatusCode.StopSending => "Stop Sending Message",
        MsrpStatusCode.UnsupportedMediaType => "Unsupported Media Type",
        MsrpStatusCode.IntervalOutOfBounds => "Interval Out-of-Bounds",
        MsrpStatusCode.SessionDoesNotExist => "Session Does Not Exist",
        MsrpStatusCode.UnknownMethod => "Unknown Method",
        MsrpStatusCode.SessionAlreadyBound => "Session Already Bound",
        _ => null,
    };

    private static MsrpResponse Create(
        string transactionId,
        string method,
        IReadOnlyList<MsrpUri> toPath,
        IReadOnlyList<MsrpUri> fromPath,
        int statusCode,
        string? comment,
        MsrpUri? responder)
    {
        if (method == MsrpMethod.Report)
        {
            throw new InvalidOperationException("A REPORT is never answered (RFC 4975 section 7.1.2)");
        }

        var isSend = method == MsrpMethod.Send;
        MsrpUri[] to = isSend ? [fromPath[0]] : [.. fromPath];
        MsrpUri[] from = [responder ?? (isSend ? toPath[0] : toPath[^1])];
        return new MsrpResponse(transactionId, statusCode, comment ?? StandardComment(statusCode), to, from);
    }
}
