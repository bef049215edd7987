using Akka.Actor;
using Microsoft.Extensions.Options;
using SimpleActors.Edge.Configuration;

namespace SimpleActors.Node.Configuration;

/// <summary>Fails the start of a node whose configuration cannot work, naming each bad key.</summary>
public sealed class SimpleActorsOptionsValidator : IValidateOptions<SimpleActorsOptions>
{
    private readonly SipOptionsValidator _sip = new();
    private readonly AuthOptionsValidator _auth = new();

    public ValidateOptionsResult Validate(string? name, SimpleActorsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.Domains.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Domains must not contain an empty domain.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("DataDirectory must not be empty.");
        }

        var cluster = options.Cluster;
        if (string.IsNullOrWhiteSpace(cluster.Hostname))
        {
            failures.Add("Cluster:Hostname must not be empty.");
        }

        if (cluster.Port is < 0 or > 65535)
        {
            failures.Add($"Cluster:Port {cluster.Port} is not a port (0-65535).");
        }

        if (cluster.ShardCount <= 0)
        {
            failures.Add($"Cluster:ShardCount must be positive, not {cluster.ShardCount}.");
        }

        if (cluster.Roles.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Cluster:Roles must not contain an empty role.");
        }

        foreach (var seed in cluster.Seeds)
        {
            if (!IsAkkaAddress(seed))
            {
                failures.Add($"Cluster:Seeds entry '{seed}' is not an Akka address like akka.tcp://simpleactors@10.0.0.1:4053.");
            }
        }

        ValidateCluster(cluster, failures);

        if (options.Persistence.Provider == Engine.Persistence.PersistenceProvider.PostgreSql
            && string.IsNullOrWhiteSpace(options.Persistence.ConnectionString))
        {
            failures.Add("Persistence:ConnectionString is required when Persistence:Provider is PostgreSql.");
        }

        var registrar = options.Registrar;
        if (registrar.MinExpires < 1 || registrar.MinExpires > registrar.DefaultExpires || registrar.DefaultExpires > registrar.MaxExpires)
        {
            failures.Add(
                $"Registrar needs 1 <= MinExpires <= DefaultExpires <= MaxExpires, not {registrar.MinExpires}, {registrar.DefaultExpires}, {registrar.MaxExpires}.");
        }

        var publication = options.Presence.Publication;
        if (publication.MinExpires < 1 || publication.MinExpires > publication.DefaultExpires || publication.DefaultExpires > publication.MaxExpires)
        {
            failures.Add(
                $"Presence:Publication needs 1 <= MinExpires <= DefaultExpires <= MaxExpires, not {publication.MinExpires}, {publication.DefaultExpires}, {publication.MaxExpires}.");
        }

        var subscription = options.Presence.Subscription;
        if (subscription.MinExpires < 1 || subscription.MinExpires > subscription.DefaultExpires || subscription.DefaultExpires > subscription.MaxExpires)
        {
            failures.Add(
                $"Presence:Subscription needs 1 <= MinExpires <= DefaultExpires <= MaxExpires, not {subscription.MinExpires}, {subscription.DefaultExpires}, {subscription.MaxExpires}.");
        }

        if (subscription.MinNotifyInterval < TimeSpan.Zero)
        {
            failures.Add($"Presence:Subscription:MinNotifyInterval must not be negative, not {subscription.MinNotifyInterval}.");
        }

        if (!Enum.IsDefined(subscription.Policy))
        {
            failures.Add($"Presence:Subscription:Policy '{subscription.Policy}' is not one of {string.Join(", ", Enum.GetNames<Engine.Subscription.SubscriptionPolicy>())}.");
        }

        var admin = options.Admin;
        if (admin.Enabled && (!System.Net.IPAddress.TryParse(admin.Address, out var adminAddress) || !System.Net.IPAddress.IsLoopback(adminAddress)))
        {
            failures.Add($"Admin:Address must be a loopback address (127.0.0.1 or ::1), not '{admin.Address}'.");
        }

        if (admin.Port is < 0 or > 65535)
        {
            failures.Add($"Admin:Port {admin.Port} is not a port (0-65535).");
        }

        var sip = _sip.Validate(name, options.Sip);
        if (sip.Failed)
        {
            failures.AddRange(sip.Failures);
        }

        var auth = _auth.Validate(name, options.Auth);
        if (auth.Failed)
        {
            failures.AddRange(auth.Failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateCluster(ClusterOptions cluster, List<string> failures)
    {
        if (!cluster.Roles.Contains("core", StringComparer.OrdinalIgnoreCase) && !cluster.IsMultiNode)
        {
            failures.Add("Cluster:Roles without core needs other nodes (Cluster:Seeds or Cluster:Bootstrap): nothing would host the entities.");
        }

        var bootstrap = cluster.Bootstrap;
        if (bootstrap.Enabled)
        {
            if (cluster.Seeds.Count > 0)
            {
                failures.Add("Cluster:Seeds and Cluster:Bootstrap are two ways to form a cluster; configure one.");
            }

            if (!Hosting.ManagementHttp.IsUsable())
            {
                failures.Add(
                    "Cluster:Bootstrap cannot run in this build: Akka.Management's HTTP endpoint needs Ceen.Httpd 0.9.9 and the build has "
                    + "another version (docs/operations.md, \"Forming the cluster\"). Use Cluster:Seeds.");
            }

            if (bootstrap.ContactPoints.Count == 0 || bootstrap.ContactPoints.Any(c => !IsHostPort(c)))
            {
                failures.Add("Cluster:Bootstrap:ContactPoints must list every node's management endpoint as host:port.");
            }

            if (bootstrap.ManagementPort is < 1 or > 65535)
            {
                failures.Add($"Cluster:Bootstrap:ManagementPort {bootstrap.ManagementPort} is not a port (1-65535).");
            }

            if (bootstrap.RequiredContactPoints < 0 || bootstrap.RequiredContactPoints > bootstrap.ContactPoints.Count)
            {
                failures.Add($"Cluster:Bootstrap:RequiredContactPoints must be between 0 (all) and the number of contact points, not {bootstrap.RequiredContactPoints}.");
            }
        }

        var resolver = cluster.SplitBrainResolver;
        switch (resolver.Strategy)
        {
            case SplitBrainResolverOptions.KeepMajority or SplitBrainResolverOptions.KeepOldest:
                break;
            case SplitBrainResolverOptions.StaticQuorum when resolver.QuorumSize < 1:
                failures.Add("Cluster:SplitBrainResolver:QuorumSize must be at least 1 for static-quorum.");
                break;
            case SplitBrainResolverOptions.StaticQuorum:
                break;
            default:
                failures.Add($"Cluster:SplitBrainResolver:Strategy must be keep-majority, static-quorum or keep-oldest, not '{resolver.Strategy}'.");
                break;
        }

        if (resolver.StableAfter <= TimeSpan.Zero)
        {
            failures.Add("Cluster:SplitBrainResolver:StableAfter must be positive.");
        }

        var rebalance = cluster.Rebalance;
        if (rebalance.AbsoluteLimit < 1 || rebalance.RelativeLimit is <= 0 or > 1 || rebalance.Interval <= TimeSpan.Zero)
        {
            failures.Add("Cluster:Rebalance needs AbsoluteLimit >= 1, 0 < RelativeLimit <= 1 and a positive Interval.");
        }
    }

    private static bool IsHostPort(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            && port is >= 1 and <= 65535;
    }

    private static bool IsAkkaAddress(string seed)
    {
        try
        {
            var address = Address.Parse(seed);
            return address.Host is not null && address.Port is not null;
        }
        catch (UriFormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
