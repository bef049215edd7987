namespace SimpleActors.Engine.Persistence;

/// <summary>The database that holds the journal and the snapshot store.</summary>
public enum PersistenceProvider
{
    /// <summary>An embedded SQLite file under the data directory: one process, zero set-up.</summary>
    Sqlite,

    /// <summary>PostgreSQL: the store shared by every node of a cluster.</summary>
    PostgreSql,
}
