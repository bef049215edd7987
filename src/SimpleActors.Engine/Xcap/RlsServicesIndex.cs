using Akka.Actor;
using SimpleActors.Engine.Entities;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Engine.Xcap;

/// <summary>
/// The one index of rls-services service URIs across all users (RFC 4826 section 4.4.5), an entity of the XCAP document
/// region under the global document's selector (<see cref="Selector"/>; RFC 4826 section 4.4.7 names that document the
/// union of all users' services). Claims are decided one at a time, so two documents never both get a URI.
/// </summary>
public sealed class RlsServicesIndex : EventSourcedEntity<RlsServicesIndexState, RlsServicesClaimed>
{
    /// <summary>The entity id: the global rls-services document's selector.</summary>
    public const string Selector = "rls-services/global/index";

    public RlsServicesIndex(TimeProvider clock, int snapshotEvery)
        : base(XcapDocumentActor.PersistenceIdPrefix + Selector, RlsServicesIndexState.Empty, clock, snapshotEvery)
    {
    }

    public static Props Props(TimeProvider? clock = null, int snapshotEvery = 100) =>
        EntityProps.Of(() => new RlsServicesIndex(clock ?? TimeProvider.System, snapshotEvery));

    /// <summary>The decision on a claim: the URIs of <paramref name="claim"/> that another document holds, with alternatives.</summary>
    public static IReadOnlyList<RlsServiceConflict> Conflicts(RlsServicesIndexState state, ClaimRlsServices claim)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(claim);
        bool Taken(string uri) => state.Owners.TryGetValue(UriCanonicalForm.Of(uri), out var owner) && owner != claim.Owner;
        return [.. claim.Uris.Where(Taken).Select(uri => new RlsServiceConflict(uri, AlternativeValue.ForUri(uri, Taken)))];
    }

    protected override bool OnEntityCommand(object message)
    {
        if (message is not ClaimRlsServices claim)
        {
            return false;
        }

        var sender = Sender;
        var conflicts = Conflicts(State, claim);
        if (conflicts.Count > 0)
        {
            sender.Tell(new RlsServicesClaim(claim.Owner, conflicts));
            return true;
        }

        var held = State.Owners.Where(o => o.Value == claim.Owner).Select(o => o.Key).Order(StringComparer.Ordinal);
        if (held.SequenceEqual(claim.Uris.Select(UriCanonicalForm.Of).Distinct().Order(StringComparer.Ordinal)))
        {
            sender.Tell(new RlsServicesClaim(claim.Owner, []));
            return true;
        }

        PersistThen([new RlsServicesClaimed(claim.Owner, claim.Uris, Clock.GetUtcNow())], () => sender.Tell(new RlsServicesClaim(claim.Owner, [])));
        return true;
    }

    protected override IReadOnlyList<RlsServicesClaimed> Expire(RlsServicesIndexState state, DateTimeOffset now) => [];
}
