using SimpleActors.Edge.Transport;

namespace SimpleActors.Integration.Tests.Cluster;

/// <summary>
/// Roles split: a node with only the <c>edge</c> role hosts no shard and serves presence whose entities live on the
/// <c>core</c> nodes; the NOTIFY still leaves through it, the edge that holds the watcher's flow.
/// </summary>
[Collection(ClusterProcesses.Name)]
public sealed class EdgeRoleTests
{
    [SkippableFact]
    public async Task An_edge_only_node_serves_presence_hosted_on_the_core_nodes_and_hosts_no_shard()
    {
        await using var cluster = await TestCluster.StartAsync(3, [["edge", "core"], ["edge", "core"], ["edge"]]);
        var edgeOnly = cluster[3];
        await using var alice = TestPhone.Udp("sip:alice@example.com", edgeOnly.Udp);
        await using var bob = TestPhone.Udp("sip:bob@example.com", edgeOnly.Udp);

        var published = await LabPresence.PublishAsync(alice, "through the edge-only node");
        var subscribed = await LabPresence.SubscribeAsync(bob, alice.Aor, 600);
        var notify = await LabPresence.NotifyWithAsync(bob, "through the edge-only node");
        var members = await cluster[1].GetAsync("/v1/cluster/members");
        var presentityShards = await cluster[1].ShardsPerNodeAsync("presentity");
        var subscriptionShards = await cluster[1].ShardsPerNodeAsync("subscription");

        Assert.Equal(200, published.StatusCode);
        Assert.Equal(200, subscribed.StatusCode);
        Assert.Equal(["edge"], members.GetProperty("members").EnumerateArray()
            .Single(m => m.GetProperty("address").GetString() == edgeOnly.Address)
            .GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(0, presentityShards.GetValueOrDefault(edgeOnly.Address));
        Assert.Equal(0, subscriptionShards.GetValueOrDefault(edgeOnly.Address));
        Assert.Equal(1, presentityShards.Values.Sum());
        Assert.Equal(1, subscriptionShards.Values.Sum());

        // Sent by the edge-only node, which holds bob's flow, though the subscription lives on a core node.
        Assert.Equal(edgeOnly.SipPort, notify.TopVia!.Port);
        Assert.Equal(EdgeRelay.TokenOf(edgeOnly.Address), notify.TopVia.Parameters[EdgeRelay.NodeParameter]);
    }
}
