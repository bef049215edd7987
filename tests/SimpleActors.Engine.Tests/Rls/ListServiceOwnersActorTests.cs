using Akka.Actor;
using Akka.DistributedData;
using SimpleActors.Engine.Rls;

namespace SimpleActors.Engine.Tests.Rls;

/// <summary>
/// A node's copy of the list service directory: a change its replicator holds is read at once on a refresh, though
/// the replicator has not yet told its subscribers (here it would not for an hour).
/// </summary>
public sealed class ListServiceOwnersActorTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Service = "sip:alice-buddies@example.com";
    private const string Alice = "sip:alice@example.com";

    public ListServiceOwnersActorTests()
        : base("""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp.hostname = 127.0.0.1
            akka.remote.dot-netty.tcp.port = 0
            akka.cluster.distributed-data.notify-subscribers-interval = 1h
            """)
    {
    }

    [Fact]
    public async Task A_refresh_reads_the_replicators_map_before_subscribers_are_notified()
    {
        var cluster = Akka.Cluster.Cluster.Get(Sys);
        await cluster.JoinAsync(cluster.SelfAddress);
        var owners = new ListServiceOwners();
        var actor = Sys.ActorOf(ListServiceOwnersActor.Props(owners));
        await ListServiceOwnersActor.RefreshAsync(actor, TimeSpan.FromSeconds(10)); // no map yet: answered all the same

        ListServiceDirectory.Replicator(Sys).Tell(
            Dsl.Update(ListServiceDirectory.Key, LWWDictionary<string, string>.Empty, WriteLocal.Instance, map => map.SetItem(cluster.SelfUniqueAddress, Service, Alice)),
            TestActor);
        ExpectMsg<UpdateSuccess>(TimeSpan.FromSeconds(10));
        var before = owners.OwnerOf(Service);
        await ListServiceOwnersActor.RefreshAsync(actor, TimeSpan.FromSeconds(10));

        Assert.Null(before);
        Assert.Equal(Alice, owners.OwnerOf(Service));
    }
}
