namespace SimpleActors.Engine.Persistence;

/// <summary>The <c>Persistence</c> section of the configuration.</summary>
public sealed class PersistenceOptions
{
    /// <summary>The file name of the embedded SQLite database inside the data directory.</summary>
    public const string DefaultSqliteFileName = "simpleactors.db";

    public PersistenceProvider Provider { get; set; } = PersistenceProvider.Sqlite;

    /// <summary>
    /// The ADO.NET connection string. Optional for SQLite, where it defaults to
    /// <c>Data Source={data directory}/simpleactors.db</c>; required for PostgreSQL.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// SQLite's <c>synchronous</c> for the journal (WAL mode): <see cref="SqliteSynchronous.Normal"/>, the default,
    /// makes every commit survive a crash or kill of the process, not a power loss; <see cref="SqliteSynchronous.Full"/>
    /// fsyncs each commit and survives both, at a fraction of the write rate (see docs/performance.md).
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;
}
