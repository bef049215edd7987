using System.Globalization;
using System.Text;
using Akka.Configuration;

namespace SimpleActors.Engine.Persistence.Sql;

/// <summary>
/// The HOCON of the project's journal and snapshot store plugins and its reading back: the plugins get their
/// store (provider, connection string, SQLite durability) from their plugin configuration, as every Akka.Persistence
/// plugin does.
/// </summary>
public sealed record JournalSettings(JournalStore Store, int MaxBatchRows)
{
    public const string JournalPluginId = "akka.persistence.journal.simpleactors";
    public const string SnapshotPluginId = "akka.persistence.snapshot-store.simpleactors";
    public const int DefaultMaxBatchRows = 1000;

    /// <summary>Makes both plugins the defaults, on the given store.</summary>
    public static string Hocon(JournalStore store, int maxBatchRows = DefaultMaxBatchRows)
    {
        ArgumentNullException.ThrowIfNull(store);
        var common = string.Create(CultureInfo.InvariantCulture, $"""
              provider = {store.Provider}
              connection-string = {Quote(store.ConnectionString)}
              sqlite-synchronous = {store.SqliteSynchronous}
              plugin-dispatcher = "akka.actor.default-dispatcher"
            """);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            # Recoveries at once (Akka's default 50): an entity that starts while 50 others recover waited for a permit, though
            # the reads of all of them go to the database together (BatchedReads); a registration storm starts thousands.
            akka.persistence.max-concurrent-recoveries = 1000
            akka.persistence.journal.plugin = "{{JournalPluginId}}"
            {{JournalPluginId}} {
              class = "{{typeof(SqlJournal).AssemblyQualifiedName}}"
            {{common}}
              max-batch-rows = {{maxBatchRows}}
              # Our tables hold one row per (persistence_id, sequence_nr) (a unique index): a second writer's
              # event with a number already taken is refused at write time, so a replay can never show the
              # interleaved writers Akka's replay filter repairs. Off, a recovery costs no filter actor.
              replay-filter.mode = off
              event-adapters { presence-tags = "{{typeof(JournalTags).AssemblyQualifiedName}}" }
              event-adapter-bindings { "{{typeof(Presence.IPresentityEvent).AssemblyQualifiedName}}" = presence-tags }
            }
            {{Query.SqlReadJournal.Identifier}} {
              class = "{{typeof(Query.SqlReadJournalProvider).AssemblyQualifiedName}}"
              refresh-interval = 1s
              gap-timeout = 10s
              page-size = 500
            }
            akka.persistence.snapshot-store.plugin = "{{SnapshotPluginId}}"
            {{SnapshotPluginId}} {
              class = "{{typeof(SqlSnapshotStore).AssemblyQualifiedName}}"
            {{common}}
            }
            """);
    }

    /// <summary>Reads a plugin's configuration.</summary>
    public static JournalSettings From(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var store = new JournalStore(
            Enum.Parse<PersistenceProvider>(config.GetString("provider", nameof(PersistenceProvider.Sqlite)), ignoreCase: true),
            config.GetString("connection-string") ?? throw new ConfigurationException("connection-string is missing."))
        {
            SqliteSynchronous = Enum.Parse<SqliteSynchronous>(
                config.GetString("sqlite-synchronous", nameof(SqliteSynchronous.Normal)), ignoreCase: true),
        };
        return new JournalSettings(store, config.GetInt("max-batch-rows", DefaultMaxBatchRows));
    }

    /// <summary>A HOCON quoted string: backslashes and quotes escaped.</summary>
    private static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\r' => quoted.Append("\\r"),
                '\t' => quoted.Append("\\t"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
