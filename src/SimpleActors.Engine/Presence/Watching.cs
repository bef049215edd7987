using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.Presence;

/// <summary>
/// A subscription starts (or re-states) watching the presentity. The reply to a presence subscription is the
/// <see cref="PresenceDocument"/> watchers see now; a watcher-info subscription (<paramref name="Package"/>
/// <c>presence.winfo</c>) is sent a <see cref="WatcherInfoSnapshot"/> through the Subscription region, ahead of
/// every later <see cref="WatchersChanged"/>. Watching twice is harmless.
/// </summary>
/// <param name="Status">The subscription's status by the default policy (pending or active); the owner's rule wins.</param>
/// <param name="ExpiresAt">When the subscription expires: the presentity wakes it then if it sleeps (<see cref="WakeAt"/>).</param>
/// <param name="Request">The SUBSCRIBE that caused it, for the presentity's history (null: a restarted subscription re-stating it).</param>
public sealed record Watch(
    string Aor, string SubscriptionId, string Watcher, DateTimeOffset At, string Package = EventPackages.Presence,
    SubscriptionStatus Status = SubscriptionStatus.Active, DateTimeOffset ExpiresAt = default, RequestRef? Request = null) : IPresentityMessage;

/// <summary>
/// A subscription's expiry moved (a refresh) or it was woken early: the presentity is to wake it at
/// <paramref name="ExpiresAt"/> should it sleep then. Kept in memory only: after a restart the presentity wakes it at
/// the time it was added with, which is never later than its expiry (refreshes only extend), and the subscription
/// tells it again.
/// </summary>
public sealed record WakeAt(string Aor, string SubscriptionId, DateTimeOffset ExpiresAt) : IPresentityMessage;

/// <summary>
/// A subscription ended: the presentity stops telling it of changes. <paramref name="Request"/> is the SUBSCRIBE with
/// Expires 0 that ended it, if one did.
/// </summary>
public sealed record Unwatch(string Aor, string SubscriptionId, string Reason, DateTimeOffset At, RequestRef? Request = null) : IPresentityMessage;

/// <summary>
/// The composed presence document of <paramref name="Aor"/> at <paramref name="Version"/> (PIDF, RFC 3863), and the
/// owner's decision about the watcher that asked, if there is one: the answer to a <see cref="Watch"/>.
/// </summary>
/// <param name="Digest">The body's <see cref="NotifyDigest"/>, computed once by the presentity (null: the receiver computes it).</param>
/// <param name="SubscriptionId">The subscription whose Watch this answers (its shard holds many).</param>
public sealed record PresenceDocument(
    string Aor, long Version, byte[] Body, AuthorizationDecision? Decision = null, string? Digest = null, string? SubscriptionId = null)
    : Serialization.IEngineSerializable;

/// <summary>
/// A subscription of <paramref name="Watcher"/> for <paramref name="Package"/> watches the presentity;
/// <paramref name="Request"/> is the SUBSCRIBE that created it.
/// </summary>
public sealed record WatcherAdded(
    string Aor, string SubscriptionId, string Watcher, DateTimeOffset At, string Package = EventPackages.Presence,
    SubscriptionStatus Status = SubscriptionStatus.Active, DateTimeOffset ExpiresAt = default, RequestRef? Request = null) : IPresentityEvent;

/// <summary>
/// A subscription stopped watching (<paramref name="Reason"/> as the subscription ended; <paramref name="Request"/> the
/// SUBSCRIBE with Expires 0 that ended it, if one did).
/// </summary>
public sealed record WatcherRemoved(string Aor, string SubscriptionId, string Reason, DateTimeOffset At, RequestRef? Request = null) : IPresentityEvent;

/// <summary>
/// A subscription watching the presentity: its package, its status as the presentity knows it (pending until the
/// owner allows, RFC 3857 section 3.2.1), since when it watches and when it expired as it was added (the time to
/// wake it at, should it sleep, until it says otherwise).
/// </summary>
public sealed record WatcherEntry(
    string SubscriptionId, string Watcher, string Package = EventPackages.Presence, SubscriptionStatus Status = SubscriptionStatus.Active,
    DateTimeOffset Since = default, DateTimeOffset ExpiresAt = default)
{
    public bool IsPresence => Package == EventPackages.Presence;
}
