using System.Globalization;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Discovery.Config.Hosting;
using Akka.Hosting;
using Akka.Management;
using Akka.Management.Cluster.Bootstrap;
using Akka.Remote.Hosting;
using SimpleActors.Node.Configuration;
using AkkaCluster = Akka.Cluster.Cluster;
using AkkaClusterOptions = Akka.Cluster.Hosting.ClusterOptions;
using ClusterOptions = SimpleActors.Node.Configuration.ClusterOptions;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// How a node becomes a cluster member, from the <c>Cluster</c> section: remoting, the roles, the Split Brain Resolver,
/// how shards are allocated and rebalanced, and one of three ways in: join itself (single node, the default), join the
/// seed nodes, or Akka.Management Cluster Bootstrap over config-based discovery.
/// </summary>
internal static class ClusterFormation
{
    public static AkkaConfigurationBuilder WithClusterFormation(this AkkaConfigurationBuilder akka, ClusterOptions cluster)
    {
        akka.AddHocon(Hocon(cluster), HoconAddMode.Prepend)
            .WithRemoting(new RemoteOptions { HostName = cluster.Hostname, Port = cluster.Port })
            .WithClustering(new AkkaClusterOptions
            {
                Roles = [.. cluster.Roles],
                SeedNodes = [.. cluster.Seeds],
                SplitBrainResolver = Resolver(cluster.SplitBrainResolver),
            });

        if (cluster.Bootstrap.Enabled)
        {
            var bootstrap = cluster.Bootstrap;
            var host = string.IsNullOrEmpty(bootstrap.ManagementHostname) ? cluster.Hostname : bootstrap.ManagementHostname;
            akka.WithAkkaManagement(host, bootstrap.ManagementPort, host, bootstrap.ManagementPort)
                .WithConfigDiscovery(new ConfigServiceDiscoveryOptions
                {
                    Services = [new Service { Name = bootstrap.ServiceName, Endpoints = [.. bootstrap.ContactPoints] }],
                })
                .WithClusterBootstrap(options =>
                {
                    options.ContactPointDiscovery.ServiceName = bootstrap.ServiceName;
                    options.ContactPointDiscovery.DiscoveryMethod = "config";
                    options.ContactPointDiscovery.RequiredContactPointsNr =
                        bootstrap.RequiredContactPoints > 0 ? bootstrap.RequiredContactPoints : bootstrap.ContactPoints.Count;
                    options.ContactPointDiscovery.StableMargin = TimeSpan.FromSeconds(2);
                    options.ContactPointDiscovery.Interval = TimeSpan.FromSeconds(1);
                });
        }
        else if (!cluster.IsMultiNode)
        {
            // No seeds: a single-node cluster, which works with an ephemeral port too.
            akka.AddStartup((system, _) => AkkaCluster.Get(system).Join(AkkaCluster.Get(system).SelfAddress));
        }

        return akka;
    }

    /// <summary>The settings Akka.Hosting has no option for: resolver stability, allocation and rebalance.</summary>
    internal static string Hocon(ClusterOptions cluster)
    {
        var rebalance = cluster.Rebalance;
        return string.Create(CultureInfo.InvariantCulture, $$"""
            akka.cluster.split-brain-resolver.stable-after = {{(long)cluster.SplitBrainResolver.StableAfter.TotalMilliseconds}}ms
            akka.cluster.sharding {
              rebalance-interval = {{(long)rebalance.Interval.TotalMilliseconds}}ms
              least-shard-allocation-strategy {
                rebalance-absolute-limit = {{rebalance.AbsoluteLimit}}
                rebalance-relative-limit = {{rebalance.RelativeLimit}}
              }
            }
            """);
    }

    private static SplitBrainResolverOption Resolver(SplitBrainResolverOptions options)
    {
        var role = string.IsNullOrEmpty(options.Role) ? null : options.Role;
        return options.Strategy switch
        {
            SplitBrainResolverOptions.StaticQuorum => new StaticQuorumOption { QuorumSize = options.QuorumSize, Role = role },
            SplitBrainResolverOptions.KeepOldest => new KeepOldestOption { DownIfAlone = options.DownIfAlone, Role = role },
            _ => new KeepMajorityOption { Role = role },
        };
    }
}
