using SimpleActors.Msrp.Message;
using static SimpleActors.Msrp.Transactions.MsrpTransactionOutcome;

namespace SimpleActors.Msrp.Transactions;

/// <summary>
/// A request this side sent, waiting for its transaction response (RFC 4975 sections 7.1.1 and 7.2): the timer rule
/// as a pure function of the time passed in.
/// </summary>
/// <remarks>
/// <code>
///   Failure-Report   response expected   after 30 s without one
///   yes (default)    200 or an error     Failed 408, made here (section 7.1.1; a relay then reports it upstream)
///   partial          errors only         Succeeded: no news is good news
///   no               none                Succeeded at once, no timer
///   (REPORT)         never (7.1.2)       Succeeded at once, no timer
/// </code>
/// The caller arms a timer for <see cref="Deadline"/> when there is one and calls <see cref="OnTimer"/> when it fires;
/// a response is matched to the transaction by its transaction id and given to <see cref="OnResponse"/>.
/// </remarks>
public sealed record MsrpTransaction
{
    /// <summary>How long a sender waits for a response (RFC 4975 section 7.1.1).</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(30);

    private MsrpTransaction(string transactionId, string method, MsrpFailureReport failureReport, DateTimeOffset sentAt)
    {
        TransactionId = transactionId;
        Method = method;
        FailureReport = failureReport;
        SentAt = sentAt;
    }

    public string TransactionId { get; }

    public string Method { get; }

    /// <summary>The request's Failure-Report, yes when absent; a REPORT's counts as no.</summary>
    public MsrpFailureReport FailureReport { get; }

    public DateTimeOffset SentAt { get; }

    /// <summary>When the time-out falls; null when the request wants no response and no timer is needed.</summary>
    public DateTimeOffset? Deadline => FailureReport == MsrpFailureReport.No ? null : SentAt + ResponseTimeout;

    /// <summary>The transaction of <paramref name="request"/>, sent at <paramref name="sentAt"/>.</summary>
    public static MsrpTransaction Start(MsrpRequest request, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(request);

        // RFC 4975 section 7.1.2: a REPORT gets no response, so nothing is waited for.
        var failureReport = request.Method == MsrpMethod.Report ? MsrpFailureReport.No : request.FailureReport ?? MsrpFailureReport.Yes;
        return new MsrpTransaction(request.TransactionId, request.Method, failureReport, sentAt);
    }

    /// <summary>Where the transaction stands at <paramref name="now"/> with no response yet.</summary>
    public MsrpTransactionOutcome OnTimer(DateTimeOffset now)
    {
        if (Deadline is not { } deadline)
        {
            return new Succeeded();
        }

        if (now < deadline)
        {
            return new Pending(deadline);
        }

        // RFC 4975 section 7.1.1: with Failure-Report yes, no response in 30 s is a 408, made locally (section 10.4).
        return FailureReport == MsrpFailureReport.Yes
            ? new Failed(MsrpStatusCode.RequestTimeout, MsrpResponse.StandardComment(MsrpStatusCode.RequestTimeout), IsLocal: true)
            : new Succeeded();
    }

    /// <summary>What <paramref name="response"/> (its transaction id this one's) makes of the transaction.</summary>
    /// <exception cref="ArgumentException">A response to another transaction.</exception>
    public MsrpTransactionOutcome OnResponse(MsrpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!string.Equals(response.TransactionId, TransactionId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Response to {response.TransactionId}, not to {TransactionId}", nameof(response));
        }

        return MsrpResponsePolicy.IsSuccess(response.StatusCode)
            ? new Succeeded()
            : new Failed(response.StatusCode, response.Comment, IsLocal: false);
    }
}
