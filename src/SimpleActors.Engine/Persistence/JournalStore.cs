using Microsoft.Data.Sqlite;

namespace SimpleActors.Engine.Persistence;

/// <summary>
/// Where the journal and the snapshot store live: the provider and the
/// connection string, resolved once from <see cref="PersistenceOptions"/> and the data directory.
/// </summary>
public sealed record JournalStore(PersistenceProvider Provider, string ConnectionString)
{
    /// <summary>For SQLite, the <c>synchronous</c> level of the journal's connections.</summary>
    public SqliteSynchronous SqliteSynchronous { get; init; } = SqliteSynchronous.Normal;

    /// <summary>Resolves the store; a relative data directory is taken from the current directory.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is selected without a connection string.</exception>
    public static JournalStore From(PersistenceOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);

        var store = options.Provider switch
        {
            PersistenceProvider.Sqlite => new JournalStore(
                PersistenceProvider.Sqlite,
                string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? DefaultSqliteConnectionString(dataDirectory)
                    : options.ConnectionString),
            PersistenceProvider.PostgreSql => new JournalStore(
                PersistenceProvider.PostgreSql,
                string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? throw new InvalidOperationException(
                        "Persistence:ConnectionString is required when Persistence:Provider is PostgreSql.")
                    : WithPoolLimit(options.ConnectionString)),
            _ => throw new InvalidOperationException($"Unknown persistence provider {options.Provider}."),
        };
        return store with { SqliteSynchronous = options.SqliteSynchronous };
    }

    /// <summary>For SQLite, the full path of the database file; null for other providers.</summary>
    public string? SqliteFile => Provider == PersistenceProvider.Sqlite
        ? Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString).DataSource)
        : null;

    /// <summary>
    /// The connections one node opens to PostgreSQL at most, unless its connection string says otherwise
    /// (<c>Maximum Pool Size=</c>). Npgsql's own default, 100 per node, lets three nodes recovering at once exhaust a
    /// default server's 100 <c>max_connections</c> (seen: "remaining connection slots are reserved", failed snapshots and
    /// 500s). With a limit, a busy node waits for a free connection instead.
    /// </summary>
    public const int DefaultPostgreSqlPoolSize = 16;

    private static string WithPoolLimit(string connectionString)
    {
        // Npgsql's names for it: "Maximum Pool Size" and "MaxPoolSize" (case aside).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", string.Empty, StringComparison.Ordinal))
            .Any(key => key.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || key.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase));
        return given
            ? connectionString
            : new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultPostgreSqlPoolSize }.ConnectionString;
    }

    private static string DefaultSqliteConnectionString(string dataDirectory) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Path.GetFullPath(dataDirectory), PersistenceOptions.DefaultSqliteFileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
}
