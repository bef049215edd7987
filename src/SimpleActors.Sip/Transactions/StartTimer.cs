namespace SimpleActors.Sip.Transactions;

/// <summary>Arm a timer; it replaces a running timer of the same name.</summary>
public sealed record StartTimer(TimerName Timer, TimeSpan Delay) : TransactionAction;
