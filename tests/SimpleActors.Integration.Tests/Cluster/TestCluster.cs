using System.Diagnostics;

namespace SimpleActors.Integration.Tests.Cluster;

/// <summary>
/// Several <see cref="ClusterNodeProcess"/>es on one fresh PostgreSQL database, node 1 and node 2 the seeds. Nodes are
/// added with <see cref="AddNodeAsync"/>; disposing stops them all and drops the database.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly ClusterDatabase database;
    private readonly int[] seeds;
    private readonly List<ClusterNodeProcess> nodes = [];

    private TestCluster(ClusterDatabase database)
    {
        this.database = database;
        seeds = [FreePorts.Tcp(), FreePorts.Tcp()];
    }

    public IReadOnlyList<ClusterNodeProcess> Nodes => nodes;

    public ClusterNodeProcess this[int number] => nodes[number - 1];

    /// <summary>
    /// A cluster of <paramref name="size"/> nodes, all Up; node n has roles[n-1] when given (else edge and core). Tried
    /// once more, on new ports, when a node process ends while starting: the ports are chosen free, but another test
    /// binding an ephemeral port can take one before the node binds it.
    /// </summary>
    public static async Task<TestCluster> StartAsync(int size, IReadOnlyList<string[]>? roles = null)
    {
        try
        {
            return await StartOnceAsync(size, roles);
        }
        catch (ChildExitedException)
        {
            return await StartOnceAsync(size, roles);
        }
    }

    private static async Task<TestCluster> StartOnceAsync(int size, IReadOnlyList<string[]>? roles)
    {
        var cluster = new TestCluster(await ClusterDatabase.CreateAsync());
        try
        {
            var starting = new List<ClusterNodeProcess>();
            for (var i = 0; i < size; i++)
            {
                starting.Add(cluster.Create(roles?[i]));
            }

            await Task.WhenAll(starting.Select(n => n.StartAsync(StartTimeout)));
            await cluster.WaitUntilAsync(async () => (await cluster[1].MembersAsync()).Values.Count(s => s == "Up") == size, "all members Up");

            // Up is not yet hosting: until a core node's shard regions have registered with the coordinators, new shards
            // all go to the nodes that have (seen in CI: forty presentities, every one on node 1).
            var cores = roles?.Count(r => r.Contains("core")) ?? size;
            await cluster.WaitUntilAsync(
                async () => (await cluster[1].ShardsPerNodeAsync("presentity")).Count == cores && (await cluster[1].ShardsPerNodeAsync("subscription")).Count == cores,
                "every core node's shard regions registered");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more node and waits until it is Up.</summary>
    public async Task<ClusterNodeProcess> AddNodeAsync()
    {
        var node = Create();
        await node.StartAsync(StartTimeout);
        return node;
    }

    /// <summary>Polls <paramref name="condition"/> every 250 ms until it holds; fails with the nodes' logs after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or KeyNotFoundException)
            {
                // Not answering yet.
            }

            if (clock.Elapsed > (timeout ?? StartTimeout))
            {
                Assert.Fail($"Timed out waiting for {what}.{Environment.NewLine}{Logs()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The end of every node's log.</summary>
    public string Logs() => string.Join(Environment.NewLine, nodes.Select(n => n.Tail()));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    private ClusterNodeProcess Create(string[]? roles = null)
    {
        var number = nodes.Count + 1;
        var node = ClusterNodeProcess.Create(
            $"node{number}", database.ConnectionString, seeds, number <= seeds.Length ? seeds[number - 1] : null,
            roles?.Select((role, n) => $"--Cluster:Roles:{n}={role}").ToList());
        nodes.Add(node);
        return node;
    }
}
