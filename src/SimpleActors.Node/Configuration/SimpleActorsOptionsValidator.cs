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
