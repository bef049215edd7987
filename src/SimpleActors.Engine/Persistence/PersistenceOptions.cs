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
}
