using Npgsql;
using SimpleActors.Engine.Persistence;

namespace SimpleActors.Engine.Tests.Persistence;

public sealed class JournalStoreTests
{
    private static JournalStore PostgreSql(string connectionString) => JournalStore.From(
        new PersistenceOptions { Provider = PersistenceProvider.PostgreSql, ConnectionString = connectionString }, ".");

    [Fact]
    public void A_postgresql_node_opens_at_most_16_connections_unless_its_connection_string_says()
    {
        var defaulted = new NpgsqlConnectionStringBuilder(PostgreSql("Host=db;Database=simpleactors;Username=sa").ConnectionString);

        Assert.Equal(JournalStore.DefaultPostgreSqlPoolSize, defaulted.MaxPoolSize);
        Assert.Equal(("db", "simpleactors"), (defaulted.Host, defaulted.Database));
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=40")]
    [InlineData("Host=db;MaxPoolSize=40")]
    public void A_pool_size_in_the_connection_string_is_kept(string connectionString) =>
        Assert.Equal(40, new NpgsqlConnectionStringBuilder(PostgreSql(connectionString).ConnectionString).MaxPoolSize);
}
