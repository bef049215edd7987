using System.Security.Cryptography;
using Akka.Actor;
using SimpleActors.Engine.Packages;
using SimpleActors.Engine.Rls;
using SimpleActors.Sip.Dialogs;

namespace SimpleActors.Engine.Subscription;

/// <summary>
/// The back-end subscriptions of a list subscription (RFC 4662 section 4.2 and 7.1.2): for each resource of another
/// domain the list subscription subscribes itself, on its subscriber's behalf, and the resource's instance follows what
/// the notifier says (<see cref="BackendSubscription"/> decides; this part only sends, answers and arms the timer).
/// They live in memory only: a list subscription that starts again (a restart, a move to another node) starts new
/// ones when it follows its list again, and the old dialogs' NOTIFYs get 481, which ends them at the notifier (RFC 6665
/// section 4.1.3). Bounded by <see cref="ResourceListOptions.MaxRemoteResources"/>; off with
/// <see cref="ResourceListOptions.RemoteResources"/> (resources elsewhere are then listed without state).
/// </summary>
public sealed partial class SubscriptionShard
{
    /// <summary>A resource of another domain joined the list: its back-end subscription starts (pending until a NOTIFY says more).</summary>
    private void StartBackend(Slot slot, ResourceListView list, string uri)
    {
        var lists = options.Lists;
        var backends = slot.Backends ??= new Dictionary<string, BackendSubscription>(StringComparer.Ordinal);
        if (!lists.RemoteResources || backends.ContainsKey(uri) || backends.Count >= lists.MaxRemoteResources)
        {
            return; // listed without state
        }

        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var (backend, request) = BackendSubscription.Start(uri, slot.State.Watcher, slot.Id, key, lists, Clock.GetUtcNow());
        Moved(slot, uri, backend, request);
    }

    /// <summary>The resource left the list: its back-end subscription ends (Expires 0).</summary>
    private void EndBackend(Slot slot, string uri)
    {
        if (slot.Backends?.GetValueOrDefault(uri) is { } backend)
        {
            var (next, request) = backend.End(Clock.GetUtcNow());
            Moved(slot, uri, next, request);
        }
    }

    /// <summary>The list subscription ended: every back-end subscription ends.</summary>
    private void EndBackends(Slot slot)
    {
        foreach (var uri in slot.Backends?.Keys.ToList() ?? [])
        {
            EndBackend(slot, uri);
        }
    }

    private void OnBackendResponse(Slot slot, BackendResponse response)
    {
        if (Find(slot, response.FromTag) is { } found)
        {
            var (next, request) = found.Backend.Responded(response, options.Lists, Clock.GetUtcNow());
            Moved(slot, found.Uri, next, request);
        }
    }

    /// <summary>A NOTIFY of a back-end dialog: the member takes it; the edge answers what the state machine says (481 for a dialog we do not hold).</summary>
    private void OnBackendNotify(Slot slot, BackendNotify notify, IActorRef sender)
    {
        if (Find(slot, notify.ToTag) is not { } found)
        {
            sender.Tell(new BackendNotifyAnswer(481, null));
            return;
        }

        var (next, status, reason) = found.Backend.Notified(notify, options.Lists, Clock.GetUtcNow());
        sender.Tell(new BackendNotifyAnswer(status, reason));
        Moved(slot, found.Uri, next, null);
    }

    /// <summary>The earliest time a back-end subscription has something to do.</summary>
    private static DateTimeOffset? BackendDueAt(Slot slot) => slot.Backends?.Values.Min(b => b.DueAt);

    private void BackendsDue(Slot slot, DateTimeOffset now)
    {
        foreach (var (uri, backend) in slot.Backends?.Where(b => b.Value.DueAt <= now).ToList() ?? [])
        {
            var (next, request) = backend.Due(options.Lists, now);
            Moved(slot, uri, next, request);
        }
    }

    private static (string Uri, BackendSubscription Backend)? Find(Slot slot, string tag) =>
        slot.Backends?.FirstOrDefault(b => b.Value.LocalTag == tag) is { Value: not null } found ? (found.Key, found.Value) : null;

    /// <summary>Carries out a step: keeps the subscription (forgets an ended one), shows its instance in the list, sends, re-arms the timer.</summary>
    private void Moved(Slot slot, string uri, BackendSubscription next, OutgoingRequest? request)
    {
        var backends = slot.Backends!;
        if (next.Phase == BackendPhase.Ended)
        {
            backends.Remove(uri);
        }
        else
        {
            backends[uri] = next;
        }

        if (request is not null)
        {
            EdgeFor(string.Empty).Tell(new SendBackendRequest(request), Self);
        }

        if (next.Phase is not (BackendPhase.Ended or BackendPhase.Ending or BackendPhase.Unsubscribing)
            && slot.State.IsLive && slot.View is ResourceListView list && list.Remote(uri, next.Instance, next.Reason, next.Document))
        {
            ListMoved(slot, list);
        }

        Reschedule(slot);
    }
}
