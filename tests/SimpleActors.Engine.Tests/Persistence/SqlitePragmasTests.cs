using Microsoft.Data.Sqlite;
using SimpleActors.Engine.Persistence;

namespace SimpleActors.Engine.Tests.Persistence;

public class SqlitePragmasTests
{
    [Theory]
    [InlineData(SqliteSynchronous.Normal, 1L)]
    [InlineData(SqliteSynchronous.Full, 2L)]
    public async Task Journal_connections_get_the_configured_synchronous_level_and_a_busy_timeout(SqliteSynchronous level, long expected)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();

        await new SqlitePragmas(level).ApplyAsync(connection, CancellationToken.None);

        Assert.Equal(expected, await Scalar(connection, "PRAGMA synchronous;"));
        Assert.Equal(5000L, await Scalar(connection, "PRAGMA busy_timeout;"));
    }

    [Fact]
    public void Store_takes_the_level_from_the_options()
    {
        var store = JournalStore.From(new PersistenceOptions { SqliteSynchronous = SqliteSynchronous.Full }, Path.GetTempPath());

        Assert.Equal(SqliteSynchronous.Full, store.SqliteSynchronous);
        Assert.Equal(SqliteSynchronous.Normal, JournalStore.From(new PersistenceOptions(), Path.GetTempPath()).SqliteSynchronous);
    }

    private static async Task<long> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
