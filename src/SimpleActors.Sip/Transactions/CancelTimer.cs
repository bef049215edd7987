namespace SimpleActors.Sip.Transactions;

/// <summary>Disarm a timer if it runs.</summary>
public sealed record CancelTimer(TimerName Timer) : TransactionAction;
