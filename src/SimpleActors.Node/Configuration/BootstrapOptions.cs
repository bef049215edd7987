namespace SimpleActors.Node.Configuration;

/// <summary>
/// The <c>Cluster:Bootstrap</c> section: forming the cluster with Akka.Management Cluster Bootstrap instead of seed
/// nodes. Each node serves Akka.Management's HTTP endpoint on <see cref="ManagementPort"/>; the contact points are that
/// endpoint on every node, listed here (config-based discovery). The nodes agree on who founds the cluster; the others
/// join it.
/// </summary>
public sealed class BootstrapOptions
{
    public bool Enabled { get; set; }

    /// <summary>The service name the nodes look each other up by.</summary>
    public string ServiceName { get; set; } = "simpleactors";

    /// <summary>The management endpoints of all nodes, <c>host:port</c> (this node's included).</summary>
    public IList<string> ContactPoints { get; } = [];

    /// <summary>How many contact points must be found before a new cluster is founded (default: all listed).</summary>
    public int RequiredContactPoints { get; set; }

    /// <summary>The host this node's management endpoint binds and advertises (default: <c>Cluster:Hostname</c>).</summary>
    public string ManagementHostname { get; set; } = string.Empty;

    /// <summary>The port of this node's management endpoint.</summary>
    public int ManagementPort { get; set; } = 8558;
}
