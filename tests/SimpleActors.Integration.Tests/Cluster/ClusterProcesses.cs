namespace SimpleActors.Integration.Tests.Cluster;

/// <summary>The multi-process cluster tests run one at a time: each starts three or four nodes on the two cores.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterProcesses
{
    public const string Name = "cluster processes";
}
