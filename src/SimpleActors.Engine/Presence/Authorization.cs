namespace SimpleActors.Engine.Presence;

/// <summary>
/// What the presentity's owner decided about a watcher (RFC 5025 section 3.2.1 sub-handling).
/// </summary>
public enum AuthorizationDecision
{
    /// <summary>The watcher sees the presentity's state.</summary>
    Allow = 0,

    /// <summary>The subscription is rejected (terminated;reason=rejected).</summary>
    Block = 1,

    /// <summary>The watcher is told it is allowed but sees the presentity as closed (RFC 5025 section 3.2.1).</summary>
    PoliteBlock = 2,

    /// <summary>The watcher waits for the owner's confirmation: its subscription is pending (RFC 5025 section 3.2.1, confirm).</summary>
    Confirm = 3,
}

/// <summary>
/// The owner decides about a watcher (by its AOR): the Presentity keeps the decision for later subscriptions and
/// applies it to the watcher's current ones. The reply is a <see cref="WatcherAuthorization"/>.
/// </summary>
public sealed record AuthorizeWatcher(string Aor, string Watcher, AuthorizationDecision Decision, string? By, DateTimeOffset At) : IPresentityMessage;

/// <summary>The decision is journaled; <paramref name="Subscriptions"/> current subscriptions of the watcher were told.</summary>
public sealed record WatcherAuthorization(string Aor, string Watcher, AuthorizationDecision Decision, int Subscriptions) : Serialization.IEngineSerializable;

/// <summary>The owner (<paramref name="By"/>, when known) decided about <paramref name="Watcher"/>.</summary>
public sealed record WatcherAuthorized(string Aor, string Watcher, AuthorizationDecision Decision, string? By, DateTimeOffset At) : IPresentityEvent;
