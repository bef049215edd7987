using Akka.Actor;
using SimpleActors.Engine.Rls;

namespace SimpleActors.Engine.Presence;

/// <summary>
/// The presentity of a list's owner as the list's source (RFC 4662 section 4.3, RFC 4826 section 4): list subscriptions
/// follow a service of the owner's rls-services document; the presentity journals who follows which service, answers
/// each with the service as defined now, and tells them again whenever a change of the owner's rls-services or
/// resource-lists documents changes their service.
/// </summary>
public sealed partial class PresentityShard
{
    private void AddListWatcher(Slot slot, WatchList watch)
    {
        IReadOnlyList<IPresentityEvent> events = slot.State.ListWatchers.TryGetValue(watch.SubscriptionId, out var followed) && followed == watch.ServiceUri
            ? []
            : [new ListWatcherAdded(slot.Id, watch.SubscriptionId, watch.ServiceUri, Clock.GetUtcNow())];
        Write(slot, events, null, () => Subscriptions.Tell(
            new ListChanged(watch.SubscriptionId, watch.ServiceUri, slot.Services(slot.State).GetValueOrDefault(watch.ServiceUri))));
    }

    private void RemoveListWatcher(Slot slot, UnwatchList unwatch)
    {
        IReadOnlyList<IPresentityEvent> events = slot.State.ListWatchers.ContainsKey(unwatch.SubscriptionId)
            ? [new ListWatcherRemoved(slot.Id, unwatch.SubscriptionId, Clock.GetUtcNow())]
            : [];
        Write(slot, events, null, null);
    }

    /// <summary>After a list document changed: each list subscription whose service now reads otherwise is told (RFC 4662 section 4.3).</summary>
    private void TellListWatchers(Slot slot, IReadOnlyDictionary<string, ListDefinition> before)
    {
        if (slot.State.ListWatchers.IsEmpty)
        {
            return;
        }

        var after = slot.Services(slot.State);
        foreach (var (subscriptionId, uri) in slot.State.ListWatchers)
        {
            var now = after.GetValueOrDefault(uri);
            if (!Equals(now, before.GetValueOrDefault(uri)))
            {
                Subscriptions.Tell(new ListChanged(subscriptionId, uri, now));
            }
        }
    }
}
