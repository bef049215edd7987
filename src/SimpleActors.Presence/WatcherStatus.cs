namespace SimpleActors.Presence;

/// <summary>
/// A watcher's subscription <c>status</c>: the states of the watcher state machine (RFC 3857), as the
/// watcherinfo schema (RFC 3858) names them; written lower-case.
/// </summary>
public enum WatcherStatus
{
    /// <summary><c>pending</c>: waiting for an authorization decision.</summary>
    Pending,

    /// <summary><c>active</c>: authorized, notifications flow.</summary>
    Active,

    /// <summary><c>waiting</c>: the subscription ended before it was authorized; the watcher is remembered for a while so that it can still be authorized.</summary>
    Waiting,

    /// <summary><c>terminated</c>: the subscription has ended.</summary>
    Terminated,
}
