using System.Security.Cryptography;
using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.History;

/// <summary>
/// A subscription's life rebuilt from its journal (<see cref="EntityTimeline"/>):
/// creation, authorization, the NOTIFYs it journaled (CSeq and state version), refreshes, termination and reason.
/// </summary>
public static class SubscriptionTimeline
{
    public static string PersistenceId(string subscriptionId) => SubscriptionActor.PersistenceIdPrefix + subscriptionId;

    public static IAsyncEnumerable<EntityMoment<SubscriptionState, ISubscriptionEvent>> ReplayAsync(
        string subscriptionId, IAsyncEnumerable<JournalEvent> events, CancellationToken cancellationToken = default) =>
        EntityTimeline.ReplayAsync<SubscriptionState, ISubscriptionEvent>(SubscriptionState.None(subscriptionId), events, cancellationToken);

    /// <summary>
    /// The digests (SHA-256, first 16 hex digits) of the presence documents a presentity's watchers were sent at the
    /// state versions asked for: the bodies of the NOTIFYs that carried them.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, string>> PresenceDigestsAsync(
        string presentity, IAsyncEnumerable<JournalEvent> presentityEvents, IReadOnlySet<long> versions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var digests = new Dictionary<long, string>();
        if (versions.Contains(0))
        {
            digests[0] = Digest(PresentityTimeline.DocumentOf(Presence.PresentityState.Empty(presentity)));
        }

        await foreach (var moment in PresentityTimeline.ReplayAsync(presentity, presentityEvents, cancellationToken).ConfigureAwait(false))
        {
            if (versions.Contains(moment.State.Version) && !digests.ContainsKey(moment.State.Version))
            {
                digests[moment.State.Version] = Digest(PresentityTimeline.DocumentOf(moment.State));
            }
        }

        return digests;
    }

    /// <summary>SHA-256 of a NOTIFY body, its first 16 hex digits: enough to tell documents apart in a timeline.</summary>
    public static string Digest(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body))[..16];
}
