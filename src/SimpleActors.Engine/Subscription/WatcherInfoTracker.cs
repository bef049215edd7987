using SimpleActors.Engine.Presence;
using SimpleActors.Presence;

namespace SimpleActors.Engine.Subscription;

/// <summary>
/// What a watcher-info subscription knows of the presentity's watchers (RFC 3858 section 4.4): the current set, for
/// a full document, and the watchers changed since the last document, for a partial one. A terminated watcher goes
/// into the partial document once and leaves the full set. Held in memory only: after a restart the subscription
/// asks for the set again and sends it whole.
/// </summary>
public sealed class WatcherInfoTracker
{
    private readonly Dictionary<string, WatcherState> current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WatcherState> changed = new(StringComparer.Ordinal);

    /// <summary>True once the set arrived.</summary>
    public bool Known { get; private set; }

    /// <summary>True when watchers changed since the last document.</summary>
    public bool HasChanges => changed.Count > 0;

    /// <summary>The presentity's whole set of watchers; the next document must be full.</summary>
    public void Reset(IReadOnlyList<WatcherState> watchers)
    {
        ArgumentNullException.ThrowIfNull(watchers);
        current.Clear();
        changed.Clear();
        foreach (var watcher in watchers)
        {
            current[watcher.SubscriptionId] = watcher;
        }

        Known = true;
    }

    /// <summary>Watchers changed; ignored until the set is known (the set that follows includes them).</summary>
    public void Apply(IReadOnlyList<WatcherState> watchers)
    {
        ArgumentNullException.ThrowIfNull(watchers);
        if (!Known)
        {
            return;
        }

        foreach (var watcher in watchers)
        {
            if (watcher.Status == WatcherStatus.Terminated)
            {
                current.Remove(watcher.SubscriptionId);
            }
            else
            {
                current[watcher.SubscriptionId] = watcher;
            }

            changed[watcher.SubscriptionId] = watcher;
        }
    }

    /// <summary>
    /// The next document, <paramref name="version"/> numbered (RFC 3858 section 4.4: 0 first, one more for each next
    /// one): the whole set when <paramref name="full"/>, else the watchers changed since the last one. Either way the
    /// changes count as sent.
    /// </summary>
    public WatcherInfoDocument Next(long version, string presentity, bool full, DateTimeOffset now)
    {
        var watchers = (full ? current.Values : changed.Values)
            .OrderBy(w => w.Since)
            .ThenBy(w => w.SubscriptionId, StringComparer.Ordinal)
            .Select(w => new Watcher(
                w.SubscriptionId, w.Watcher, w.Status, w.Event, null,
                w.Since == default ? null : (long)Math.Max(0, (now - w.Since).TotalSeconds), null))
            .ToList();
        changed.Clear();
        return new WatcherInfoDocument(
            version, full ? WatcherInfoState.Full : WatcherInfoState.Partial, [new WatcherList(presentity, EventPackages.Presence, watchers)]);
    }
}
