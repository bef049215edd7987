namespace SimpleActors.Sip.Transactions;

/// <summary>The machine reached Terminated: cancel its timers and forget it.</summary>
public sealed record Terminated : TransactionAction
{
    public static Terminated Instance { get; } = new();
}
