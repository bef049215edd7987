namespace SimpleActors.Node.Configuration;

/// <summary>
/// The <c>Cluster</c> section: how this node joins the Akka.NET cluster. With neither seeds nor bootstrap the node is a
/// single-node cluster of its own (the default, on SQLite); with <see cref="Seeds"/> or <see cref="Bootstrap"/> it is
/// one node of many (on PostgreSQL).
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>The roles a node has when none are configured: one process is a complete server.</summary>
    public static readonly IReadOnlyList<string> DefaultRoles = ["edge", "core"];

    /// <summary>The address Akka.Remote binds and advertises.</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>The Akka.Remote port; 0 lets the operating system choose one (tests).</summary>
    public int Port { get; set; } = 4053;

    /// <summary><c>edge</c> (sockets), <c>core</c> (shards), regions such as <c>region-a</c>. Empty means both edge and core.</summary>
    public IList<string> Roles { get; } = [];

    /// <summary>Seed node addresses (<c>akka.tcp://simpleactors@host:port</c>). Empty: the node joins itself.</summary>
    public IList<string> Seeds { get; } = [];

    /// <summary>Cluster Bootstrap (Akka.Management) instead of seeds.</summary>
    public BootstrapOptions Bootstrap { get; set; } = new();

    public SplitBrainResolverOptions SplitBrainResolver { get; set; } = new();

    public RebalanceOptions Rebalance { get; set; } = new();

    /// <summary>Whether this node forms a cluster with others (seeds or bootstrap), rather than joining itself.</summary>
    public bool IsMultiNode => Seeds.Count > 0 || Bootstrap.Enabled;

    /// <summary>The number of shards, fixed for the life of a cluster's journal.</summary>
    public int ShardCount { get; set; } = 256;
}
