using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;

namespace SimpleActors.Engine.Persistence;

/// <summary>Registers the Akka.Persistence.Sql journal and snapshot store for a <see cref="JournalStore"/>.</summary>
public static class JournalStoreHosting
{
    /// <summary>
    /// Makes the SQL journal and snapshot store the default plugins; the plugin creates its tables
    /// on start. Events are serialized by the serializers bound in <c>Serialization/</c>.
    /// </summary>
    public static AkkaConfigurationBuilder WithJournalStore(this AkkaConfigurationBuilder builder, JournalStore store)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(store);

        var journal = new SqlJournalOptions(true)
        {
            ConnectionString = store.ConnectionString,
            ProviderName = store.ProviderName,
            AutoInitialize = true,
        };
        var snapshots = new SqlSnapshotOptions(true)
        {
            ConnectionString = store.ConnectionString,
            ProviderName = store.ProviderName,
            AutoInitialize = true,
        };
        return builder.WithSqlPersistence(journal, snapshots);
    }
}
