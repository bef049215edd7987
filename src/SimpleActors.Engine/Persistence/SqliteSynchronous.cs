namespace SimpleActors.Engine.Persistence;

/// <summary>SQLite's <c>PRAGMA synchronous</c> levels the journal may run with.</summary>
public enum SqliteSynchronous
{
    /// <summary>In WAL mode: a commit survives a process crash; the fsync waits for the checkpoint.</summary>
    Normal,

    /// <summary>Every commit is fsynced: it survives an operating-system crash or power loss too.</summary>
    Full,
}
