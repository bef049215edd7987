using Akka.Configuration;
using Akka.Persistence.Sql;

namespace SimpleActors.Engine.Tests.Entities;

/// <summary>The HOCON of a test actor system: the SQLite journal and snapshot store in a file, and the project serializer.</summary>
internal static class EngineTestConfig
{
    public static Config For(string sqliteFile) => ConfigurationFactory.ParseString($$"""
        akka.loglevel = INFO
        akka.actor.serializers.simpleactors = "SimpleActors.Engine.Serialization.SimpleActorsSerializer, SimpleActors.Engine"
        akka.actor.serialization-bindings {
          "SimpleActors.Engine.Serialization.IEngineSerializable, SimpleActors.Engine" = simpleactors
        }
        akka.persistence.journal.plugin = "akka.persistence.journal.sql"
        akka.persistence.journal.sql {
          connection-string = "Data Source={{sqliteFile}};Pooling=true"
          provider-name = "{{LinqToDB.ProviderName.SQLiteMS}}"
          auto-initialize = on
        }
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
        akka.persistence.snapshot-store.sql {
          connection-string = "Data Source={{sqliteFile}};Pooling=true"
          provider-name = "{{LinqToDB.ProviderName.SQLiteMS}}"
          auto-initialize = on
        }
        """).WithFallback(SqlPersistence.DefaultConfiguration);
}
