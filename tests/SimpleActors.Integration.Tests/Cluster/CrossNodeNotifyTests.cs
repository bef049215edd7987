using SimpleActors.Edge.Transport;
using Xunit.Abstractions;

namespace SimpleActors.Integration.Tests.Cluster;

/// <summary>
/// Three node processes on one PostgreSQL database: a watcher on node 1 watches a presentity whose entity lives on
/// another node, and a PUBLISH through node 3 reaches it, the NOTIFY leaving through the edge that holds its flow.
/// </summary>
[Collection(ClusterProcesses.Name)]
public sealed class CrossNodeNotifyTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_publish_through_node_3_reaches_a_watcher_on_node_1_of_a_presentity_living_elsewhere()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var (presentity, etag, home) = await PresentityAwayFromAsync(cluster, cluster[1].Address);
        await using var _ = presentity;
        await using var watcher = TestPhone.Udp("sip:watcher@example.com", cluster[1].Udp);

        var subscribed = await LabPresence.SubscribeAsync(watcher, presentity.Aor, 600);
        var first = await LabPresence.NotifyWithAsync(watcher, "first");
        var published = await LabPresence.PublishAsync(presentity, "published through node 3", etag);
        var second = await LabPresence.NotifyWithAsync(watcher, "published through node 3");
        output.WriteLine($"presentity {presentity.Aor} lives on {home}; watcher on {cluster[1].Address}");

        Assert.NotEqual(cluster[1].Address, home);
        Assert.Equal(200, subscribed.StatusCode);
        Assert.Equal(200, published.StatusCode);
        Assert.Equal(subscribed.To!.Tag, second.From!.Tag);
        Assert.True(second.CSeq!.Number > first.CSeq!.Number);

        // Sent by node 1's edge, the one that holds the watcher's flow: its Via names node 1 and its SIP port.
        Assert.Equal(cluster[1].SipPort, second.TopVia!.Port);
        Assert.Equal(EdgeRelay.TokenOf(cluster[1].Address), second.TopVia.Parameters[EdgeRelay.NodeParameter]);
    }

    /// <summary>A presentity published through node 3 whose entity is not on <paramref name="avoid"/>.</summary>
    private static async Task<(TestPhone Phone, string ETag, string Home)> PresentityAwayFromAsync(TestCluster cluster, string avoid)
    {
        for (var i = 0; i < 30; i++)
        {
            var phone = TestPhone.Udp($"sip:remote{i}@example.com", cluster[3].Udp);
            var published = await LabPresence.PublishAsync(phone, "first");
            Assert.Equal(200, published.StatusCode);
            var home = await cluster[3].LocateAsync("presentity", phone.Aor);
            if (home is not null && home != avoid)
            {
                return (phone, published.SipETag!, home);
            }

            await phone.DisposeAsync();
        }

        Assert.Fail($"30 presentities all live on {avoid}");
        return default;
    }
}
