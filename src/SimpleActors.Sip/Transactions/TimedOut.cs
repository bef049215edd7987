namespace SimpleActors.Sip.Transactions;

/// <summary>
/// The transaction timed out (Timer B, F or H). For a client transaction the TU acts as if it got a
/// 408 (RFC 3261 section 8.1.3.1); for an INVITE server transaction the TU learns the ACK never came.
/// </summary>
public sealed record TimedOut : TransactionAction
{
    public static TimedOut Instance { get; } = new();
}
