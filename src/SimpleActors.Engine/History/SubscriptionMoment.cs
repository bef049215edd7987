using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.History;

/// <summary>One step of a subscription's life: the journaled event and the state it left, as the live entity had it.</summary>
public sealed record SubscriptionMoment(JournalEvent Entry, ISubscriptionEvent Change, SubscriptionState State);
