namespace SimpleActors.Engine.Rls;

/// <summary>Where a back-end subscription is (<see cref="BackendSubscription"/>).</summary>
public enum BackendPhase
{
    /// <summary>The initial SUBSCRIBE is out; no final response yet.</summary>
    Subscribing,

    /// <summary>The notifier accepted it; the next refresh is due at <see cref="BackendSubscription.DueAt"/>.</summary>
    Established,

    /// <summary>A refresh SUBSCRIBE is out.</summary>
    Refreshing,

    /// <summary>To be ended, but the initial SUBSCRIBE's answer (with the To-tag it needs) has not come yet.</summary>
    Ending,

    /// <summary>The SUBSCRIBE with Expires 0 is out.</summary>
    Unsubscribing,

    /// <summary>Ended by the notifier or by a failure; tried again at <see cref="BackendSubscription.DueAt"/>, never when that is null.</summary>
    Terminated,

    /// <summary>Over: we ended it; the list forgets it.</summary>
    Ended,
}
