namespace SimpleActors.Msrp.Transactions;

/// <summary>Where a request this side sent stands (<see cref="MsrpTransaction"/>).</summary>
public abstract record MsrpTransactionOutcome
{
    private MsrpTransactionOutcome()
    {
    }

    /// <summary>Still waiting: for a response, or for the time-out.</summary>
    public sealed record Pending(DateTimeOffset Deadline) : MsrpTransactionOutcome;

    /// <summary>
    /// Done without an error: a 2xx response came; or the request wants no response (a REPORT,
    /// <c>Failure-Report: no</c>); or it wants errors only (<c>partial</c>) and none came within the time-out.
    /// </summary>
    public sealed record Succeeded : MsrpTransactionOutcome;

    /// <summary>
    /// Failed with <paramref name="StatusCode"/>: an error response, or 408 made here when no response came within 30 s
    /// (<paramref name="IsLocal"/>; RFC 4975 sections 7.1.1 and 10.4). A 413 means: send no more of the message, abort it
    /// with <c>#</c> (section 10.5).
    /// </summary>
    public sealed record Failed(int StatusCode, string? Comment, bool IsLocal) : MsrpTransactionOutcome
    {
        /// <summary>413: the receiver wants no more of the message (RFC 4975 section 10.5).</summary>
        public bool StopsMessage => StatusCode == Message.MsrpStatusCode.StopSending;
    }
}
