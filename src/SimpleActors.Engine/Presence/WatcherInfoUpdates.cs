using SimpleActors.Engine.Subscription;
using SimpleActors.Presence;

namespace SimpleActors.Engine.Presence;

/// <summary>
/// One presence watcher as watcher information shows it (RFC 3858 section 3): the subscription (whose id is the
/// watcher element's id), the watcher's AOR, its status and the event that brought it there (RFC 3857 section 3.2.1).
/// </summary>
public sealed record WatcherState(string SubscriptionId, string Watcher, WatcherStatus Status, WatcherEvent Event, DateTimeOffset Since);

/// <summary>
/// Every current presence watcher of <paramref name="Presentity"/>, sent to the watcher-info subscription
/// <paramref name="SubscriptionId"/> when it starts watching: the full state of its next NOTIFY.
/// </summary>
public sealed record WatcherInfoSnapshot(string SubscriptionId, string Presentity, IReadOnlyList<WatcherState> Watchers) : ISubscriptionMessage;

/// <summary>Watchers of <paramref name="Presentity"/> changed: the partial state of the next NOTIFY (RFC 3858 section 4.4).</summary>
public sealed record WatchersChanged(string SubscriptionId, string Presentity, IReadOnlyList<WatcherState> Watchers) : ISubscriptionMessage;
