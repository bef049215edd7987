namespace SimpleActors.Presence;

/// <summary>The <c>state</c> of a watcherinfo document (RFC 3858 section 3).</summary>
public enum WatcherInfoState
{
    /// <summary><c>full</c>: the document is all the watcher information.</summary>
    Full,

    /// <summary><c>partial</c>: only the watchers that changed since the previous document.</summary>
    Partial,
}
