using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.DependencyInjection;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// The cluster as this node sees it (meter <c>SimpleActors.Node</c>): its members by status, every status reported
/// (zero included, so a series does not vanish when the last member leaves it), and the members it finds unreachable.
/// Read from <see cref="Cluster.State"/>, the gossip snapshot the cluster keeps, at each scrape.
/// </summary>
internal sealed class ClusterMembersGauge : IDisposable
{
    private static readonly MemberStatus[] Statuses = Enum.GetValues<MemberStatus>();
    private static readonly KeyValuePair<string, object?>[] StatusTags =
        [.. Statuses.Select(s => new KeyValuePair<string, object?>("status", s.ToString()))];

    private readonly Meter meter = new(NodeMetrics.MeterName);
    private readonly IServiceProvider services;
    private Cluster? cluster;

    public ClusterMembersGauge(IServiceProvider services)
    {
        this.services = services;
        meter.CreateObservableGauge("simpleactors.cluster.members", ObserveMembers, "{member}", "Cluster members as this node sees them, by status");
        meter.CreateObservableGauge("simpleactors.cluster.unreachable", ObserveUnreachable, "{member}", "Cluster members this node finds unreachable");
    }

    public void Dispose() => meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveMembers()
    {
        if (Cluster() is not { } self)
        {
            return [];
        }

        var counts = new long[Statuses.Length];
        foreach (var member in self.State.Members)
        {
            var index = Array.IndexOf(Statuses, member.Status);
            if (index >= 0)
            {
                counts[index]++;
            }
        }

        var measurements = new Measurement<long>[Statuses.Length];
        for (var i = 0; i < Statuses.Length; i++)
        {
            measurements[i] = new Measurement<long>(counts[i], StatusTags[i]);
        }

        return measurements;
    }

    private IEnumerable<Measurement<long>> ObserveUnreachable() =>
        Cluster() is { } self ? [new Measurement<long>(self.State.Unreachable.Count)] : [];

    /// <summary>The node's cluster, once its actor system runs (a scrape can only come after: the admin endpoint starts later).</summary>
    private Cluster? Cluster()
    {
        if (cluster is null && services.GetService<ActorSystem>() is { WhenTerminated.IsCompleted: false } system)
        {
            cluster = Akka.Cluster.Cluster.Get(system);
        }

        return cluster is { IsTerminated: false } ? cluster : null;
    }
}
