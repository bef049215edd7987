using Npgsql;

namespace SimpleActors.Tests.Shared;

/// <summary>
/// (Shared by the Engine and Integration tests, linked into both.) Fresh PostgreSQL databases on the server named by
/// <c>SIMPLEACTORS_TEST_POSTGRES</c> (a connection string whose user may create databases; <c>.ci/run</c> sets it):
/// created for one test, dropped after it.
/// </summary>
internal static class ScratchPostgres
{
    public const string Variable = "SIMPLEACTORS_TEST_POSTGRES";

    /// <summary>The server's connection string, or null when none is configured (the test then skips, saying so).</summary>
    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    /// <summary>Creates a database named <paramref name="prefix"/> and a unique suffix on <paramref name="server"/>; its name.</summary>
    public static async Task<string> CreateAsync(string server, string prefix)
    {
        var name = prefix + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        return name;
    }

    /// <summary>Drops the database, connections and all (pooled ones first).</summary>
    public static async Task DropAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>Runs <paramref name="sql"/> (one or more statements) on <paramref name="connectionString"/>.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
