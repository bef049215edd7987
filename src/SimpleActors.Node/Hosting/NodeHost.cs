using Akka.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Sharding;
using SimpleActors.Node.Configuration;
using AkkaCluster = Akka.Cluster.Cluster;

namespace SimpleActors.Node.Hosting;

/// <summary>Builds the generic host of one SimpleActors node: configuration, logging, the actor system.</summary>
public static partial class NodeHost
{
    /// <summary>The actor system name, part of every cluster address (<c>akka.tcp://simpleactors@host:port</c>).</summary>
    public const string ActorSystemName = "simpleactors";

    public static IHost Build(NodeConfigurationSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "simpleactors",
            ContentRootPath = sources.CurrentDirectory,
        });
        builder.Configuration.AddNodeSources(sources);

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddConsole();
        // Logging:Console:FormatterName "json" (docs/operations.md): the shared timestamp format ends in the simple line's space.
        builder.Services.PostConfigure<JsonConsoleFormatterOptions>(json => json.TimestampFormat = json.TimestampFormat?.TrimEnd());

        builder.Services.AddOptions<SimpleActorsOptions>()
            .Bind(builder.Configuration)
            .PostConfigure(options => options.ApplyDefaults())
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimpleActorsOptions>, SimpleActorsOptionsValidator>();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SimpleActorsOptions>>().Value;
            return JournalStore.From(options.Persistence, Path.GetFullPath(options.DataDirectory, sources.CurrentDirectory));
        });

        builder.Services.AddSingleton<SipEdgeRuntime>();
        builder.Services.AddNodeMetrics(builder.Configuration); // before the actor system: its provider starts listening first

        // Hosted services start in registration order: the database is checked before Akka starts.
        builder.Services.AddHostedService<JournalDatabaseCheck>();
        builder.Services.AddAkka(ActorSystemName, ConfigureActorSystem);
        builder.Services.AddSingleton<AdminEndpoint>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AdminEndpoint>());
        builder.Services.AddHostedService<MemoryTrimmer>();

        return builder.Build();
    }

    private static void ConfigureActorSystem(AkkaConfigurationBuilder akka, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SimpleActorsOptions>>().Value;
        var store = services.GetRequiredService<JournalStore>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SimpleActors.Node");
        var cluster = options.Cluster;
        options.Presence.Subscription.Lists.Domains = [.. options.Domains.Select(d => d.ToLowerInvariant())];
        Engine.Rls.OwnerListServices.Options = new() { XcapRoot = options.Xcap.Root, MaxEntries = options.Presence.Subscription.Lists.MaxResources };

        akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.InfoLevel;
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .WithClusterFormation(cluster)
            .WithJournalStore(store)
            .WithEngineEntities(new EngineEntitiesOptions
            {
                ShardCount = cluster.ShardCount,
                Registrar = options.Registrar,
                Publications = options.Presence.Publication,
                Subscriptions = options.Presence.Subscription,
            })
            .WithSipEdge(options, services.GetRequiredService<SipEdgeRuntime>(), services.GetRequiredService<ILoggerFactory>(), ContentRoot(services), store)
            .AddStartup((system, _) =>
            {
                var self = AkkaCluster.Get(system);
                self.RegisterOnMemberUp(() => LogNodeUp(logger, self.SelfAddress, self.SelfRoles));
                if (cluster.IsMultiNode && options.Persistence.Provider == PersistenceProvider.Sqlite)
                {
                    LogSqliteCluster(logger);
                }
            });
    }

    private static string ContentRoot(IServiceProvider services) => services.GetRequiredService<IHostEnvironment>().ContentRootPath;

    [LoggerMessage(Level = LogLevel.Warning, Message = "This node joins other nodes but its journal is SQLite: only nodes on this machine share that file. Use PostgreSQL for a cluster (docs/operations.md)")]
    private static partial void LogSqliteCluster(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "SimpleActors node up at {Address} roles {Roles}")]
    private static partial void LogNodeUp(ILogger logger, Akka.Actor.Address address, IEnumerable<string> roles);
}
