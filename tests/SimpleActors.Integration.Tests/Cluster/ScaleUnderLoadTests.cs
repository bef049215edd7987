using Xunit.Abstractions;

namespace SimpleActors.Integration.Tests.Cluster;

/// <summary>
/// A steady PUBLISH/SUBSCRIBE load while the cluster changes shape: a fourth node joins and takes shards, or a node
/// leaves gracefully and hands its shards off. Every SIP transaction of the load is counted; none may fail.
/// </summary>
[Collection(ClusterProcesses.Name)]
public sealed class ScaleUnderLoadTests(ITestOutputHelper output)
{
    private static readonly string[] Types = ["presentity", "subscription"];

    [SkippableFact]
    public async Task A_fourth_node_joins_under_load_and_takes_shards_with_no_failed_transaction()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        await using var load = ClusterLoad.Start([cluster[1], cluster[2], cluster[3]], pairs: 12, "join");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var fourth = await cluster.AddNodeAsync();
        await cluster.WaitUntilAsync(async () => await ShardsOnAsync(cluster[1], fourth.Address) >= 4, "shards moved to node 4", TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await load.StopAsync();

        var moved = await ShardsOnAsync(cluster[1], fourth.Address);
        output.WriteLine($"node 4 holds {moved} presentity and subscription shards; load: {load.Summary()}");
        Console.WriteLine($"join under load: node 4 took {moved} shards; {load.Summary()}");
        Assert.True(load.Failures.Count == 0, load.Summary() + Environment.NewLine + cluster.Logs());
        Assert.True(load.Succeeded > 100, load.Summary());
        Assert.Equal("Up", (await cluster[1].MembersAsync())[fourth.Address]);
    }

    [SkippableFact]
    public async Task A_node_leaves_gracefully_under_load_hands_its_shards_off_with_no_failed_transaction()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var leaving = cluster[3];
        await using var load = ClusterLoad.Start([cluster[1], cluster[2]], pairs: 12, "leave");
        await cluster.WaitUntilAsync(async () => await ShardsOnAsync(cluster[1], leaving.Address) >= 2, "shards on node 3", TimeSpan.FromSeconds(30));
        var before = await ShardsOnAsync(cluster[1], leaving.Address);

        var exitCode = await leaving.TerminateAsync(TimeSpan.FromSeconds(60));
        await cluster.WaitUntilAsync(async () => !(await cluster[1].MembersAsync()).ContainsKey(leaving.Address), "node 3 removed", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await load.StopAsync();

        output.WriteLine($"node 3 held {before} presentity and subscription shards; load: {load.Summary()}");
        Console.WriteLine($"graceful leave under load: node 3 handed off {before} shards; {load.Summary()}");
        Assert.Equal(0, exitCode);
        Assert.True(load.Failures.Count == 0, load.Summary() + Environment.NewLine + cluster.Logs());
        Assert.True(load.Succeeded > 100, load.Summary());
        Assert.Equal(0, await ShardsOnAsync(cluster[1], leaving.Address));
        Assert.NotEmpty(leaving.Lines("SIP edge drained"));
    }

    private static async Task<int> ShardsOnAsync(ClusterNodeProcess asked, string address)
    {
        var total = 0;
        foreach (var type in Types)
        {
            total += (await asked.ShardsPerNodeAsync(type)).GetValueOrDefault(address);
        }

        return total;
    }
}
