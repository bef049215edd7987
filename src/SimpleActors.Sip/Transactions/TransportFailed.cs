namespace SimpleActors.Sip.Transactions;

/// <summary>The transport failed; a client's TU acts as on a 503 (RFC 3261 sections 8.1.3.1, 17.1.4).</summary>
public sealed record TransportFailed : TransactionAction
{
    public static TransportFailed Instance { get; } = new();
}
