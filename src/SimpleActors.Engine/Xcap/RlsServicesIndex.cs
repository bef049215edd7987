using Akka.Actor;
using Akka.DistributedData;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Rls;
using SimpleActors.Xcap;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Engine.Xcap;

/// <summary>
/// The one index of rls-services service URIs across all users (RFC 4826 section 4.4.5), an entity of the XCAP document
/// region under the global document's selector (<see cref="Selector"/>; RFC 4826 section 4.4.7 names that document the
/// union of all users' services). Claims are decided one at a time, so two documents never both get a URI. The index
/// also states which URIs are services, and whose, in the <see cref="ListServiceDirectory"/> every node reads: a granted
/// claim is answered once every node holds it (or after <see cref="ListServiceDirectory.WriteTimeout"/>), and the whole
/// map is stated again whenever the index starts (a cluster that starts afresh has no replicated data).
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

    /// <summary>The AOR of the user whose document <paramref name="ownerSelector"/> is (its XUI), or null for a global one.</summary>
    public static string? OwnerAor(string ownerSelector) =>
        XcapDocumentSelector.TryParse(ownerSelector, out var selector) && selector.Xui is { } xui && Sip.Message.SipUri.TryParse(xui, out var uri) && uri.User is not null
            ? uri.AorString
            : null;

    /// <summary>The services by canonical URI with their owners' AORs, as the directory holds them.</summary>
    public static IReadOnlyDictionary<string, string> DirectoryOf(RlsServicesIndexState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (uri, selector) in state.Owners)
        {
            if (OwnerAor(selector) is { } aor)
            {
                owners[uri] = aor;
            }
        }

        return owners;
    }

    protected override void AfterRecovery()
    {
        base.AfterRecovery();
        StateDirectory();
    }

    private void StateDirectory()
    {
        if (!HasCluster)
        {
            return;
        }

        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        var owners = DirectoryOf(State);
        ListServiceDirectory.Replicator(Context.System).Tell(Dsl.Update(
            ListServiceDirectory.Key, LWWDictionary<string, string>.Empty, WriteLocal.Instance, map => ListServiceDirectory.Exactly(map, cluster, owners)));
    }

    private static bool HasCluster => Context.System is ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider };

    protected override bool OnEntityCommand(object message)
    {
        switch (message)
        {
            case StateListServices:
                StateDirectory();
                return true;
            case UpdateSuccess { Request: Granted granted }:
                // Every replica holds it; this node's copy is told at once, the others within the notify interval.
                ListServiceDirectory.Replicator(Context.System).Tell(FlushChanges.Instance);
                granted.Claimant.Tell(new RlsServicesClaim(granted.Owner, []));
                return true;
            case IUpdateFailure { Request: Granted granted }:
                // Granted all the same: the nodes that did not answer in time learn it by gossip.
                granted.Claimant.Tell(new RlsServicesClaim(granted.Owner, []));
                return true;
            case UpdateSuccess or IUpdateFailure:
                return true;
        }

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

        PersistThen([new RlsServicesClaimed(claim.Owner, claim.Uris, Clock.GetUtcNow())], () => Grant(claim, sender));
        return true;
    }

    /// <summary>Answers a recorded claim once every node's directory holds it (a SUBSCRIBE to a new service finds it anywhere).</summary>
    private static void Grant(ClaimRlsServices claim, IActorRef claimant)
    {
        if (!HasCluster || OwnerAor(claim.Owner) is not { } owner)
        {
            claimant.Tell(new RlsServicesClaim(claim.Owner, []));
            return;
        }

        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        var uris = claim.Uris.Select(UriCanonicalForm.Of).ToHashSet(StringComparer.Ordinal);
        ListServiceDirectory.Replicator(Context.System).Tell(Dsl.Update(
            ListServiceDirectory.Key, LWWDictionary<string, string>.Empty, new WriteAll(ListServiceDirectory.WriteTimeout),
            new Granted(claim.Owner, claimant), map => ListServiceDirectory.WithOwner(map, cluster, owner, uris)));
    }

    /// <summary>A claim recorded and waiting for the directory's write.</summary>
    private sealed record Granted(string Owner, IActorRef Claimant);

    protected override IReadOnlyList<RlsServicesClaimed> Expire(RlsServicesIndexState state, DateTimeOffset now) => [];
}
