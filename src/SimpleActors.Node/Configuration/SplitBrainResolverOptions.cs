namespace SimpleActors.Node.Configuration;

/// <summary>
/// The <c>Cluster:SplitBrainResolver</c> section: how a partition is ended (Akka.NET's Split Brain Resolver). It must be
/// identical on every node of a cluster, or two sides can each decide to stay.
/// </summary>
public sealed class SplitBrainResolverOptions
{
    public const string KeepMajority = "keep-majority";
    public const string StaticQuorum = "static-quorum";
    public const string KeepOldest = "keep-oldest";

    /// <summary><c>keep-majority</c> (default), <c>static-quorum</c> or <c>keep-oldest</c>.</summary>
    public string Strategy { get; set; } = KeepMajority;

    /// <summary>How long membership must be stable before the resolver acts on unreachable members.</summary>
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>For <c>static-quorum</c>: the number of members a side needs to stay.</summary>
    public int QuorumSize { get; set; }

    /// <summary>Counts only members with this role (empty: all). <c>core</c> is the natural choice with edge-only nodes.</summary>
    public string Role { get; set; } = string.Empty;

    /// <summary>For <c>keep-oldest</c>: the oldest node downs itself when it is alone on its side.</summary>
    public bool DownIfAlone { get; set; } = true;
}
