using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;

namespace SimpleActors.Engine.Rls;

/// <summary>
/// Which URIs are list services and whose (RFC 4826 section 4.4.5: a service URI is unique across users): a map of
/// canonical service URI to the owner's AOR, replicated to every node (Akka distributed data, last writer wins per
/// URI). The rls-services index writes it (<see cref="Xcap.RlsServicesIndex"/>: before it grants a claim, to every
/// node that answers in time, and in full whenever it starts); every node keeps a copy the SIP router reads without a
/// message (<see cref="ListServiceOwners"/>), so a SUBSCRIBE that is not to a list costs nothing more.
/// </summary>
public static class ListServiceDirectory
{
    /// <summary>The replicated map's key.</summary>
    public static readonly LWWDictionaryKey<string, string> Key = new("rls-service-owners");

    /// <summary>How long a claim waits for every node to hold the change before it is granted anyway (the rest catch up by gossip).</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The node's replicator.</summary>
    public static IActorRef Replicator(ActorSystem system) => DistributedData.Get(system).Replicator;

    /// <summary>
    /// The map with the services of one rls-services document (<paramref name="ownerAor"/>) replaced by <paramref name="uris"/>
    /// (canonical forms): the document's old services leave, its new ones come.
    /// </summary>
    public static LWWDictionary<string, string> WithOwner(
        LWWDictionary<string, string> map, Cluster cluster, string ownerAor, IReadOnlyCollection<string> uris)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(cluster);
        var node = cluster.SelfUniqueAddress;
        foreach (var (uri, owner) in map.Entries)
        {
            if (owner == ownerAor && !uris.Contains(uri))
            {
                map = map.Remove(node, uri);
            }
        }

        foreach (var uri in uris)
        {
            if (!map.TryGetValue(uri, out var owner) || owner != ownerAor)
            {
                map = map.SetItem(node, uri, ownerAor);
            }
        }

        return map;
    }

    /// <summary>The map holding exactly <paramref name="owners"/> (canonical URI → owner AOR): what the index states when it starts.</summary>
    public static LWWDictionary<string, string> Exactly(LWWDictionary<string, string> map, Cluster cluster, IReadOnlyDictionary<string, string> owners)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(owners);
        var node = cluster.SelfUniqueAddress;
        foreach (var (uri, _) in map.Entries)
        {
            if (!owners.ContainsKey(uri))
            {
                map = map.Remove(node, uri);
            }
        }

        foreach (var (uri, owner) in owners)
        {
            if (!map.TryGetValue(uri, out var held) || held != owner)
            {
                map = map.SetItem(node, uri, owner);
            }
        }

        return map;
    }
}

/// <summary>
/// This node's copy of the <see cref="ListServiceDirectory"/>: canonical service URI → owner AOR, swapped whole on every
/// change, read from any thread.
/// </summary>
public sealed class ListServiceOwners
{
    private volatile ImmutableDictionary<string, string> owners = ImmutableDictionary<string, string>.Empty;

    /// <summary>The AOR of the user whose rls-services document defines <paramref name="canonicalUri"/>, or null.</summary>
    public string? OwnerOf(string canonicalUri) => owners.GetValueOrDefault(canonicalUri);

    /// <summary>How many services the copy holds.</summary>
    public int Count => owners.Count;

    internal void Set(ImmutableDictionary<string, string> current) => owners = current;
}

/// <summary>
/// Keeps a node's <see cref="ListServiceOwners"/> up to date: subscribes to the replicated map's changes, and reads the
/// replicator's map at once when asked (<see cref="Refresh"/>). The replicator tells its subscribers of a change only at
/// its next notification tick (<c>akka.cluster.distributed-data.notify-subscribers-interval</c>, 500 ms), so a service
/// whose claim was granted a moment ago (every node's replicator holding it) may still be missing from the copy: the
/// edge asks for a refresh before it answers 404 to a SUBSCRIBE.
/// </summary>
public sealed class ListServiceOwnersActor : ReceiveActor
{
    private readonly ListServiceOwners owners;

    public ListServiceOwnersActor(ListServiceOwners owners)
    {
        this.owners = owners;
        Receive<Changed>(changed =>
        {
            if (changed.Key.Equals(ListServiceDirectory.Key))
            {
                this.owners.Set(changed.Get(ListServiceDirectory.Key).Entries.ToImmutableDictionary());
            }
        });
        Receive<Refresh>(_ => ListServiceDirectory.Replicator(Context.System).Tell(Dsl.Get(ListServiceDirectory.Key, ReadLocal.Instance, Sender)));
        Receive<GetSuccess>(success =>
        {
            this.owners.Set(success.Get(ListServiceDirectory.Key).Entries.ToImmutableDictionary());
            ((IActorRef)success.Request!).Tell(Refreshed.Instance);
        });
        Receive<IGetResponse>(other => ((IActorRef)other.Request!).Tell(Refreshed.Instance)); // NotFound: nothing to read
    }

    public static Props Props(ListServiceOwners owners) => Akka.Actor.Props.Create(() => new ListServiceOwnersActor(owners));

    /// <summary>
    /// Asks <paramref name="actor"/> to read the replicator's map now; completes when the copy holds it, or after
    /// <paramref name="timeout"/> with the copy as it was.
    /// </summary>
    public static async Task RefreshAsync(IActorRef actor, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(actor);
        try
        {
            await actor.Ask<Refreshed>(Refresh.Instance, timeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            // The copy stays as it was; gossip and the next notification bring it up to date.
        }
    }

    protected override void PreStart() => ListServiceDirectory.Replicator(Context.System).Tell(Dsl.Subscribe(ListServiceDirectory.Key, Self));

    /// <summary>Read the replicator's map now (a local message, never sent to another node).</summary>
    public sealed record Refresh
    {
        public static readonly Refresh Instance = new();
    }

    /// <summary>The copy holds what the replicator held when <see cref="Refresh"/> arrived.</summary>
    public sealed record Refreshed
    {
        public static readonly Refreshed Instance = new();
    }
}
