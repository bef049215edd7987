using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Message;

namespace SimpleActors.Msrp.Transactions;

/// <summary>
/// REPORT requests (RFC 4975 sections 5.3 and 7.1.2): end-to-end news about a SEND, sent back along the SEND's
/// From-Path. A REPORT carries the SEND's Message-ID, a Byte-Range covering the bytes it reports on, and
/// <c>Status: 000 code [comment]</c>; never Success-Report or Failure-Report, and nobody answers it.
/// </summary>
/// <remarks>
/// Success reports (<c>000 200</c>) go out when the SEND said <c>Success-Report: yes</c>: one for the whole message once
/// it is complete, or one per chunk received (section 7.1.3). Failure reports come from relays: on an error response
/// downstream or no response within 30 s (408), when the SEND said <c>Failure-Report</c> yes or partial (RFC 4976
/// section 6.4.1).
/// </remarks>
public static class MsrpReport
{
    /// <summary>
    /// The REPORT about <paramref name="send"/>: To-Path the SEND's From-Path, From-Path <paramref name="reporter"/> (by
    /// default the SEND's last To-Path URI, the endpoint it was addressed to), the SEND's Message-ID,
    /// <paramref name="range"/> and <paramref name="status"/>. <paramref name="transactionId"/> defaults to a new one.
    /// </summary>
    /// <exception cref="ArgumentException">A request that is not a SEND, or a SEND without Message-ID.</exception>
    public static MsrpRequest Create(MsrpRequest send, MsrpStatus status, MsrpByteRange range, MsrpUri? reporter = null, string? transactionId = null)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(status);
        if (send.Method != MsrpMethod.Send)
        {
            throw new ArgumentException($"A REPORT reports on a SEND, not {send.Method}", nameof(send));
        }

        var messageId = send.MessageId ?? throw new ArgumentException("A SEND without Message-ID cannot be reported on", nameof(send));

        // RFC 4975 section 7.1.2: to the SEND's From-Path, from the reporter; Message-ID, Byte-Range and Status only.
        var report = new MsrpRequest(transactionId ?? MsrpIdentifiers.NewTransactionId(), MsrpMethod.Report, send.FromPath, [reporter ?? send.ToPath[^1]])
        {
            MessageId = messageId,
            ByteRange = range,
            Status = status,
        };
        return report;
    }

    /// <summary>Whether <paramref name="send"/> asks for success reports: <c>Success-Report: yes</c> (absent means no).</summary>
    public static bool WantsSuccessReport(MsrpRequest send)
    {
        ArgumentNullException.ThrowIfNull(send);
        return send.Method == MsrpMethod.Send && send.SuccessReport == true;
    }

    /// <summary>Whether <paramref name="send"/> takes failure reports: <c>Failure-Report</c> yes (the default) or partial.</summary>
    public static bool WantsFailureReport(MsrpRequest send)
    {
        ArgumentNullException.ThrowIfNull(send);
        return send.Method == MsrpMethod.Send && (send.FailureReport ?? MsrpFailureReport.Yes) != MsrpFailureReport.No;
    }

    /// <summary>
    /// The bytes <paramref name="chunk"/> carried: its start, the position of its last byte (also for an end of
    /// <c>*</c>), and its total; a SEND without Byte-Range is the whole message (RFC 4975 section 7.3.1). A last chunk
    /// (<c>$</c>) with a total of <c>*</c> ends the message, so its end is the total.
    /// </summary>
    public static MsrpByteRange RangeOf(MsrpRequest chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var start = chunk.ByteRange?.Start ?? 1;
        var end = start + chunk.Body.Length - 1;
        var total = chunk.ByteRange is { } range ? range.Total : chunk.Body.Length;
        if (total is null && chunk.Continuation == MsrpContinuation.Complete)
        {
            total = end;
        }

        return new MsrpByteRange(start, end, total is { } t && t < end ? null : total);
    }

    /// <summary>
    /// The success report for a whole message of <paramref name="messageSize"/> bytes whose last chunk was
    /// <paramref name="lastChunk"/> (<c>Byte-Range: 1-size/size</c>, <c>Status: 000 200 OK</c>); null unless that chunk
    /// asked for one (RFC 4975 section 7.1.3).
    /// </summary>
    public static MsrpRequest? ForCompleteMessage(MsrpRequest lastChunk, long messageSize, MsrpUri? reporter = null, string? transactionId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(messageSize);
        return WantsSuccessReport(lastChunk)
            ? Create(lastChunk, Ok(), new MsrpByteRange(1, messageSize, messageSize), reporter, transactionId)
            : null;
    }

    /// <summary>
    /// The success report for the bytes of one received chunk, for a receiver that reports chunk by chunk; null unless
    /// the chunk asked for success reports (RFC 4975 section 7.1.3).
    /// </summary>
    public static MsrpRequest? ForChunk(MsrpRequest chunk, MsrpUri? reporter = null, string? transactionId = null)
        => WantsSuccessReport(chunk) ? Create(chunk, Ok(), RangeOf(chunk), reporter, transactionId) : null;

    /// <summary>
    /// The failure report a relay sends back for <paramref name="send"/> after an error response downstream, or 408 when
    /// none came within 30 s (<see cref="MsrpTransaction"/>); null when the SEND said <c>Failure-Report: no</c> (RFC 4976
    /// section 6.4.1), or for a success code. <paramref name="relay"/> is the relay's own URI.
    /// </summary>
    public static MsrpRequest? ForFailure(MsrpRequest send, int statusCode, MsrpUri relay, string? comment = null, string? transactionId = null)
    {
        ArgumentNullException.ThrowIfNull(relay);
        if (MsrpResponsePolicy.IsSuccess(statusCode) || !WantsFailureReport(send))
        {
            return null;
        }

        var status = new MsrpStatus(statusCode, comment ?? MsrpResponse.StandardComment(statusCode));
        return Create(send, status, RangeOf(send), relay, transactionId);
    }

    private static MsrpStatus Ok() => new(MsrpStatusCode.Ok, MsrpResponse.StandardComment(MsrpStatusCode.Ok));
}
