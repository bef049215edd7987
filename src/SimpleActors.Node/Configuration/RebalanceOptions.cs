namespace SimpleActors.Node.Configuration;

/// <summary>
/// The <c>Cluster:Rebalance</c> section: how shards move to a node that joins (Akka's least-shard allocation, the
/// newer algorithm that an absolute limit turns on). Each round moves at most
/// <c>min(AbsoluteLimit, RelativeLimit × shards)</c> shards, so a new node fills gradually instead of all at once.
/// </summary>
public sealed class RebalanceOptions
{
    /// <summary>The most shards one rebalance round moves (per entity type).</summary>
    public int AbsoluteLimit { get; set; } = 20;

    /// <summary>The most shards one round moves as a fraction of all the type's shards.</summary>
    public double RelativeLimit { get; set; } = 0.1;

    /// <summary>The time between rebalance rounds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
}
