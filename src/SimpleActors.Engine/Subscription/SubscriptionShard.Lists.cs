using Akka.Actor;
using SimpleActors.Engine.Packages;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Rls;

namespace SimpleActors.Engine.Subscription;

/// <summary>
/// List subscriptions (RFC 4662): a subscription whose state names a list watches each resource of it instead of one
/// presentity. Each watch is the subscriber's own (RFC 4662 section 7.1.2): the resource's presentity applies its
/// owner's rules to the subscriber and tells the list subscription its view, as it tells any watcher. A service of an
/// rls-services document is followed through its owner's presentity (<see cref="WatchList"/>): a change of the owner's
/// documents adds and removes watches at once. The first NOTIFY waits for the resources' first answers (at most
/// <see cref="ResourceListOptions.FirstNotifyWait"/>) and carries full state; changes that arrive while a NOTIFY is out
/// or held back by the rate limit go out together in the next (RFC 4662 section 4.6). A list subscription does not sleep.
/// </summary>
public sealed partial class SubscriptionShard
{
    /// <summary>A SUBSCRIBE (or a restart) wants the whole state: once the list and its resources are known.</summary>
    private void NotifyWhenListKnown(Slot slot, ResourceListView list)
    {
        if (list.Known && slot.Watching)
        {
            RequestOrEnd(slot);
            return;
        }

        slot.NotifyWhenKnown = true;
        FollowList(slot, list);
    }

    /// <summary>Started again with nothing asked for (a wake, an idle look): follows the list, and tells the subscriber full state once known.</summary>
    private void FollowListQuietly(Slot slot)
    {
        if (slot.View is ResourceListView { Defined: false } list && !slot.Watching)
        {
            list.SendFullStateNext();
            FollowList(slot, list);
        }
    }

    /// <summary>Starts following the list: a service through its owner's presentity, a request-contained list at once.</summary>
    private void FollowList(Slot slot, ResourceListView list)
    {
        slot.Watching = true;
        var target = list.Target;
        if (target.Owner is { } owner)
        {
            if (!list.Defined)
            {
                Presentities.Tell(new WatchList(owner, target.Uri, slot.Id), Self);
            }
        }
        else if (!list.Defined)
        {
            Define(slot, list, target.Resources, target.Name);
        }

        WaitForResources(slot, list);
    }

    private void WaitForResources(Slot slot, ResourceListView list)
    {
        if (!list.Known && slot.ListWaitUntil is null)
        {
            slot.ListWaitUntil = Clock.GetUtcNow() + options.Lists.FirstNotifyWait;
            Reschedule(slot);
        }
    }

    /// <summary>The list's resources (first or changed): watches start and stop; then the first NOTIFY, or the change, goes.</summary>
    private void Define(Slot slot, ResourceListView list, IReadOnlyList<ListResource> resources, string? name)
    {
        var state = slot.State;
        var (added, removed) = list.Define(resources, name);
        var now = Clock.GetUtcNow();
        foreach (var uri in removed)
        {
            Unwatch(slot, uri);
            EndBackend(slot, uri);
        }

        foreach (var uri in added)
        {
            if (!options.Lists.IsLocal(uri))
            {
                StartBackend(slot, list, uri); // resources elsewhere: a back-end subscription (docs/presence.md, "Resources of other domains")
                continue;
            }

            var status = SubscriptionDecision.Authorize(uri, state.Watcher, options.Policy);
            list.Watching(uri, status);
            Presentities.Tell(new Watch(uri, state.SubscriptionId, state.Watcher, now, EventPackages.Presence, status, state.ExpiresAt, slot.LastRequest), Self);
        }
    }

    private void OnListChanged(Slot slot, ListChanged changed)
    {
        if (!slot.State.IsLive || slot.View is not ResourceListView list)
        {
            if (slot.State.List?.Owner is { } owner)
            {
                Presentities.Tell(new UnwatchList(owner, slot.Id));
            }

            return;
        }

        if (changed.Definition is not { } definition)
        {
            // RFC 4662 section 4.4 / RFC 6665 section 4.2.2: the list no longer exists: the subscription ends (noresource).
            slot.EndReason = SubscriptionDecision.NoResource;
            slot.AwaitingFinal = true;
            Carry(slot, slot.Notifier.End(Clock.GetUtcNow()));
            return;
        }

        var resources = definition.Resources.Count > options.Lists.MaxResources
            ? [.. definition.Resources.Take(options.Lists.MaxResources)]
            : definition.Resources;
        Define(slot, list, resources, definition.Name);
        ListMoved(slot, list);
    }

    private void OnListDocument(Slot slot, ResourceListView list, PresenceDocument answer)
    {
        if (!slot.State.IsLive)
        {
            Unwatch(slot, answer.Aor);
            return;
        }

        list.Answer(answer.Aor, answer.Version, answer.Body, answer.Digest, answer.Decision);
        ListMoved(slot, list);
    }

    private void OnListPresenceChanged(Slot slot, ResourceListView list, PresenceChanged changed)
    {
        if (!slot.State.IsLive)
        {
            Unwatch(slot, changed.Presentity);
            return;
        }

        if (!list.Defined)
        {
            FollowListQuietly(slot); // started again by a resource's change: the whole list first
            return;
        }

        if (list.Change(changed.Presentity, changed.Version, changed.Document, changed.Digest))
        {
            ListMoved(slot, list);
        }
    }

    private void OnListAuthorization(Slot slot, ResourceListView list, ApplyAuthorization authorization)
    {
        if (slot.State.IsLive && authorization.Presentity is { } presentity && list.Authorize(presentity, authorization.Decision))
        {
            ListMoved(slot, list);
        }
    }

    /// <summary>Something of the list moved: the first NOTIFY once everything is known, later a change (rate limited, merged).</summary>
    private void ListMoved(Slot slot, ResourceListView list)
    {
        if (slot.NotifyWhenKnown)
        {
            if (list.Known)
            {
                slot.NotifyWhenKnown = false;
                slot.ListWaitUntil = null;
                RequestOrEnd(slot);
            }

            return;
        }

        if (list.Known)
        {
            slot.ListWaitUntil = null;
            if (list.HasNews)
            {
                Carry(slot, slot.Notifier.Change(Clock.GetUtcNow()));
            }
        }
    }

    /// <summary>The wait for the resources' first answers ran out: the NOTIFY goes with what is known.</summary>
    private void ListWaitOver(Slot slot)
    {
        slot.ListWaitUntil = null;
        if (slot.View is ResourceListView list && list.Defined)
        {
            list.StopWaiting();
            ListMoved(slot, list);
        }
    }

    /// <summary>
    /// A NOTIFY carried part of the list (its size limit): the rest follows as soon as it is answered, not held back by
    /// the rate interval (it is the same state; changes that came meanwhile ride along).
    /// </summary>
    private void MoreOfTheList(Slot slot, DateTimeOffset now)
    {
        if (slot.View is ResourceListView { HasNews: true } && slot.State.IsLive && slot.EndReason is null)
        {
            Carry(slot, slot.Notifier.Continue(now));
        }
    }

    /// <summary>The list subscription ended: every watch stops, and the owner's presentity forgets it.</summary>
    private void StopFollowingList(Slot slot)
    {
        if (slot.View is ResourceListView list)
        {
            foreach (var uri in list.LocalResources)
            {
                Unwatch(slot, uri);
            }
        }

        EndBackends(slot);
        if (slot.State.List?.Owner is { } owner)
        {
            Presentities.Tell(new UnwatchList(owner, slot.Id));
        }
    }
}
