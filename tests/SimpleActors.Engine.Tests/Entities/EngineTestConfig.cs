using Akka.Configuration;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Persistence.Sql;

namespace SimpleActors.Engine.Tests.Entities;

/// <summary>The HOCON of a test actor system: the SQLite journal and snapshot store in a file, the project serializer and the entities' mailbox.</summary>
internal static class EngineTestConfig
{
    public static Config For(string sqliteFile) => ConfigurationFactory.ParseString($$"""
        akka.loglevel = INFO
        {{SimpleActors.Engine.Entities.EntityMailbox.Hocon}}
        {{SimpleActors.Engine.Serialization.SerializationHosting.Hocon}}
        {{JournalSettings.Hocon(new JournalStore(PersistenceProvider.Sqlite, $"Data Source={sqliteFile};Pooling=true"))}}
        """);
}
