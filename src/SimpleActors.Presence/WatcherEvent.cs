namespace SimpleActors.Presence;

/// <summary>
/// The <c>event</c> that last changed a watcher's status: the transitions of the watcher state machine
/// (RFC 3857), as the watcherinfo schema (RFC 3858) names them; written lower-case.
/// </summary>
public enum WatcherEvent
{
    /// <summary><c>subscribed</c>: a new subscription arrived.</summary>
    Subscribed,

    /// <summary><c>approved</c>: the subscription was authorized.</summary>
    Approved,

    /// <summary><c>deactivated</c>: the subscription was ended by the server, the watcher may subscribe again.</summary>
    Deactivated,

    /// <summary><c>probation</c>: ended for now, the watcher should retry later.</summary>
    Probation,

    /// <summary><c>rejected</c>: authorization was refused.</summary>
    Rejected,

    /// <summary><c>timeout</c>: the subscription expired without a refresh.</summary>
    Timeout,

    /// <summary><c>giveup</c>: a pending subscription waited too long for a decision.</summary>
    Giveup,

    /// <summary><c>noresource</c>: the watched resource no longer exists.</summary>
    Noresource,
}
