namespace SimpleActors.Engine.Subscription;

/// <summary>
/// The presentity wakes a subscription that may be asleep (<see cref="SubscriptionOptions.IdleTimeout"/>) at the time
/// it expires: the entity starts from the journal, ends if its time is up, or says when to wake it next.
/// </summary>
public sealed record WakeSubscription(string SubscriptionId) : ISubscriptionMessage;
