using SimpleActors.Engine.Subscription;
using SimpleActors.Sip.Events;

namespace SimpleActors.Engine.Packages;

/// <summary>
/// A watcher-info subscription's view: the presentity's watchers (<see cref="WatcherInfoTracker"/>). A NOTIFY that answers
/// a request or ends the subscription carries the full set, one for a change the watchers changed since the last (RFC
/// 3858 section 4.4); documents are numbered 0, 1, 2, ... per subscription, the count journaled as the NOTIFY's
/// version so numbers never repeat after a restart.
/// </summary>
public sealed class WatcherInfoView : ISubscriptionView
{
    public WatcherInfoTracker Watchers { get; } = new();

    public bool Known => Watchers.Known;

    public bool HasNews => Watchers.HasChanges;

    public long Version(SubscriptionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.NotifiedVersion;
    }

    public NotifyBody Body(SubscriptionState state, NotifyKind kind, bool rejected, uint cseq, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!Watchers.Known)
        {
            return new NotifyBody(null, state.NotifiedVersion);
        }

        var next = Watchers.Next(state.NotifiedVersion, state.Presentity, full: kind != NotifyKind.Change, now);
        return new NotifyBody(SimpleActors.Presence.WatcherInfo.Write(next), state.NotifiedVersion + 1);
    }
}
