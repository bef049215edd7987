namespace SimpleActors.Engine.Presence;

/// <summary>
/// A subscription starts (or re-states) watching the presentity; the reply is the <see cref="PresenceDocument"/>
/// watchers see now. Watching twice is harmless.
/// </summary>
public sealed record Watch(string Aor, string SubscriptionId, string Watcher, DateTimeOffset At) : IPresentityMessage;

/// <summary>A subscription ended: the presentity stops telling it of changes.</summary>
public sealed record Unwatch(string Aor, string SubscriptionId, string Reason, DateTimeOffset At) : IPresentityMessage;

/// <summary>
/// The composed presence document of <paramref name="Aor"/> at <paramref name="Version"/> (PIDF, RFC 3863), and the
/// owner's decision about the watcher that asked, if there is one.
/// </summary>
public sealed record PresenceDocument(string Aor, long Version, byte[] Body, AuthorizationDecision? Decision = null) : Serialization.IEngineSerializable;

/// <summary>A subscription of <paramref name="Watcher"/> watches the presentity.</summary>
public sealed record WatcherAdded(string Aor, string SubscriptionId, string Watcher, DateTimeOffset At) : IPresentityEvent;

/// <summary>A subscription stopped watching (<paramref name="Reason"/> as the subscription ended).</summary>
public sealed record WatcherRemoved(string Aor, string SubscriptionId, string Reason, DateTimeOffset At) : IPresentityEvent;

/// <summary>A subscription watching the presentity.</summary>
public sealed record WatcherEntry(string SubscriptionId, string Watcher);
