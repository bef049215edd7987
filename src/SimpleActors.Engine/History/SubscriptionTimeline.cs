using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.History;

/// <summary>
/// A subscription's life rebuilt from its journal (<see cref="EntityTimeline"/>):
/// creation, authorization, each NOTIFY (CSeq, state version, body digest), refreshes, termination and reason.
/// </summary>
public static class SubscriptionTimeline
{
    public static string PersistenceId(string subscriptionId) => SubscriptionActor.PersistenceIdPrefix + subscriptionId;

    public static IAsyncEnumerable<EntityMoment<SubscriptionState, ISubscriptionEvent>> ReplayAsync(
        string subscriptionId, IAsyncEnumerable<JournalEvent> events, CancellationToken cancellationToken = default) =>
        EntityTimeline.ReplayAsync<SubscriptionState, ISubscriptionEvent>(SubscriptionState.None(subscriptionId), events, cancellationToken);
}
