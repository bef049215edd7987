using SimpleActors.Engine.Persistence;

namespace SimpleActors.Engine.Tests.Persistence;

public class JournalStoreTests
{
    [Fact]
    public void Sqlite_is_the_default_and_lives_in_the_data_directory()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "simpleactors-store");

        var store = JournalStore.From(new PersistenceOptions(), dataDirectory);

        Assert.Equal(PersistenceProvider.Sqlite, store.Provider);
        Assert.Equal(Path.Combine(dataDirectory, PersistenceOptions.DefaultSqliteFileName), store.SqliteFile);
    }

    [Fact]
    public void A_configured_sqlite_connection_string_is_used_as_given()
    {
        var options = new PersistenceOptions { ConnectionString = "Data Source=/var/lib/simpleactors/journal.db" };

        var store = JournalStore.From(options, "data");

        Assert.Equal("Data Source=/var/lib/simpleactors/journal.db", store.ConnectionString);
        Assert.Equal("/var/lib/simpleactors/journal.db", store.SqliteFile);
    }

    [Fact]
    public void PostgreSql_uses_the_PostgreSQL_15_provider_and_the_configured_connection_string()
    {
        var options = new PersistenceOptions
        {
            Provider = PersistenceProvider.PostgreSql,
            ConnectionString = "Host=db;Database=simpleactors;Username=simpleactors",
        };

        var store = JournalStore.From(options, "data");
        Assert.Equal("Host=db;Database=simpleactors;Username=simpleactors", store.ConnectionString);
        Assert.Null(store.SqliteFile);
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_is_rejected()
    {
        var options = new PersistenceOptions { Provider = PersistenceProvider.PostgreSql };

        var error = Assert.Throws<InvalidOperationException>(() => JournalStore.From(options, "data"));

        Assert.Contains("Persistence:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
