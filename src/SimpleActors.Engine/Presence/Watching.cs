using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.Presence;

/// <summary>
/// A subscription starts (or re-states) watching the presentity. The reply to a presence subscription is the
/// <see cref="PresenceDocument"/> watchers see now; a watcher-info subscription (<paramref name="Package"/>
/// <c>presence.winfo</c>) is sent a <see cref="WatcherInfoSnapshot"/> through the Subscription region, ahead of
/// every later <see cref="WatchersChanged"/>. Watching twice is harmless.
/// </summary>
/// <param name="Status">The subscription's status by the default policy (pending or active); the owner's rule wins.</param>
public sealed record Watch(
    string Aor, string SubscriptionId, string Watcher, DateTimeOffset At, string Package = EventPackages.Presence,
    SubscriptionStatus Status = SubscriptionStatus.Active) : IPresentityMessage;

/// <summary>A subscription ended: the presentity stops telling it of changes.</summary>
public sealed record Unwatch(string Aor, string SubscriptionId, string Reason, DateTimeOffset At) : IPresentityMessage;

/// <summary>
/// The composed presence document of <paramref name="Aor"/> at <paramref name="Version"/> (PIDF, RFC 3863), and the
/// owner's decision about the watcher that asked, if there is one.
/// </summary>
public sealed record PresenceDocument(string Aor, long Version, byte[] Body, AuthorizationDecision? Decision = null) : Serialization.IEngineSerializable;

/// <summary>A subscription of <paramref name="Watcher"/> for <paramref name="Package"/> watches the presentity.</summary>
public sealed record WatcherAdded(
    string Aor, string SubscriptionId, string Watcher, DateTimeOffset At, string Package = EventPackages.Presence,
    SubscriptionStatus Status = SubscriptionStatus.Active) : IPresentityEvent;

/// <summary>A subscription stopped watching (<paramref name="Reason"/> as the subscription ended).</summary>
public sealed record WatcherRemoved(string Aor, string SubscriptionId, string Reason, DateTimeOffset At) : IPresentityEvent;

/// <summary>
/// A subscription watching the presentity: its package, its status as the presentity knows it (pending until the
/// owner allows, RFC 3857 section 3.2.1) and since when it watches.
/// </summary>
public sealed record WatcherEntry(
    string SubscriptionId, string Watcher, string Package = EventPackages.Presence, SubscriptionStatus Status = SubscriptionStatus.Active,
    DateTimeOffset Since = default)
{
    public bool IsPresence => Package == EventPackages.Presence;
}
