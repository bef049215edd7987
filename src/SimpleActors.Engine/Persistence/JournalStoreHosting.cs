using LinqToDB;
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
        if (store.Provider == PersistenceProvider.Sqlite)
        {
            var pragmas = new SqlitePragmas(store.SqliteSynchronous);
            journal.DataOptions = new DataOptions()
                .UseConnectionString(store.ProviderName, store.ConnectionString)
                .UseAfterConnectionOpened(pragmas.Apply, pragmas.ApplyAsync);
        }
        var snapshots = new SqlSnapshotOptions(true)
        {
            ConnectionString = store.ConnectionString,
            ProviderName = store.ProviderName,
            AutoInitialize = true,
        };
        builder.WithSqlPersistence(journal, snapshots);
        if (store.Provider == PersistenceProvider.Sqlite)
        {
            // SQLite has one writer at a time: parallel batch writers only queue on its lock. One writer with
            // large batches turns many concurrent events into one transaction, i.e. one WAL commit.
            builder.AddHocon(
                "akka.persistence.journal.sql { parallelism = 1, batch-size = 1000, db-round-trip-max-batch-size = 1000, buffer-size = 20000 }",
                HoconAddMode.Prepend);
        }

        return builder;
    }
}
