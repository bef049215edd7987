using SimpleActors.Engine.Subscription;
using SimpleActors.Presence;

namespace SimpleActors.Engine.Presence;

/// <summary>
/// What watcher information (RFC 3857, RFC 3858) shows of a presentity's presence watchers: the full state, and the
/// watchers a journaled event changed, each with the event of RFC 3857 section 3.2.1's state machine that it went
/// through. Pure functions of the Presentity's state.
/// </summary>
public static class WatcherInfoChanges
{
    /// <summary>Every current presence watcher (the full state, RFC 3858 section 4.4).</summary>
    public static IReadOnlyList<WatcherState> Snapshot(PresentityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.WatchersInOrder.Where(w => w.IsPresence).Select(w => View(state, w))];
    }

    /// <summary>
    /// The presence watchers <paramref name="change"/> changed, applied to <paramref name="before"/>: a new
    /// subscription (event subscribed, pending or active), an owner's allow turning pending ones active (approved), and
    /// an ended subscription (terminated, with the event its reason maps to).
    /// </summary>
    public static IReadOnlyList<WatcherState> Between(PresentityState before, IPresentityEvent change)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(change);
        switch (change)
        {
            case WatcherAdded added when added.Package == EventPackages.Presence && !before.Watchers.ContainsKey(added.SubscriptionId):
            {
                var after = before.Apply(change);
                var entry = after.Watchers[added.SubscriptionId];
                return [new WatcherState(entry.SubscriptionId, entry.Watcher, Status(entry.Status), WatcherEvent.Subscribed, entry.Since)];
            }

            case WatcherAuthorized authorized:
            {
                var after = before.Apply(change);
                return
                [
                    .. before.WatchersInOrder
                        .Where(w => w.IsPresence && w.Watcher == authorized.Watcher && w.Status == SubscriptionStatus.Pending)
                        .Select(w => after.Watchers[w.SubscriptionId])
                        .Where(a => a.Status == SubscriptionStatus.Active)
                        .Select(a => new WatcherState(a.SubscriptionId, a.Watcher, WatcherStatus.Active, WatcherEvent.Approved, a.Since)),
                ];
            }

            // RFC 5025 section 4: the owner's rules changed; pending ones they allow are approved, active ones they hold are pending again.
            case WatcherStatusesChanged changed:
            {
                var after = before.Apply(change);
                return
                [
                    .. before.WatchersInOrder
                        .Where(w => w.IsPresence && changed.Statuses.ContainsKey(w.SubscriptionId))
                        .Select(w => after.Watchers[w.SubscriptionId])
                        .Where(a => before.Watchers[a.SubscriptionId].Status != a.Status)
                        .Select(a => new WatcherState(
                            a.SubscriptionId, a.Watcher, Status(a.Status), a.Status == SubscriptionStatus.Active ? WatcherEvent.Approved : WatcherEvent.Subscribed, a.Since)),
                ];
            }

            case WatcherRemoved removed when before.Watchers.GetValueOrDefault(removed.SubscriptionId) is { IsPresence: true } gone:
                return [new WatcherState(gone.SubscriptionId, gone.Watcher, WatcherStatus.Terminated, EventFor(removed.Reason), gone.Since)];

            default:
                return [];
        }
    }

    /// <summary>
    /// The RFC 3857 section 3.2.1 event for the reason a subscription ended: <c>timeout</c> for an expiry or an
    /// unsubscribe (and a NOTIFY answered 481: the watcher no longer has the subscription), <c>rejected</c> for the
    /// owner's block, <c>giveup</c> when NOTIFYs could not be delivered (timeout, unreachable), and the reasons that
    /// are events already as themselves.
    /// </summary>
    public static WatcherEvent EventFor(string reason) => reason switch
    {
        SubscriptionDecision.Rejected => WatcherEvent.Rejected,
        "notify-timeout" or "notify-unreachable" => WatcherEvent.Giveup,
        "noresource" => WatcherEvent.Noresource,
        "deactivated" => WatcherEvent.Deactivated,
        "probation" => WatcherEvent.Probation,
        "giveup" => WatcherEvent.Giveup,
        _ => WatcherEvent.Timeout,
    };

    private static WatcherState View(PresentityState state, WatcherEntry entry)
    {
        // The event that led to the current status: approved when the owner's rule made the watcher active.
        var approved = entry.Status == SubscriptionStatus.Active && state.RuleFor(entry.Watcher) is AuthorizationDecision.Allow or AuthorizationDecision.PoliteBlock;
        return new WatcherState(entry.SubscriptionId, entry.Watcher, Status(entry.Status), approved ? WatcherEvent.Approved : WatcherEvent.Subscribed, entry.Since);
    }

    private static WatcherStatus Status(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Pending => WatcherStatus.Pending,
        SubscriptionStatus.Active => WatcherStatus.Active,
        _ => WatcherStatus.Terminated,
    };
}
