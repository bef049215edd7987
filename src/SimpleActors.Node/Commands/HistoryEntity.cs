namespace SimpleActors.Node.Commands;

/// <summary>The kinds of entity whose journal <c>simpleactors history</c> replays.</summary>
internal enum HistoryEntity
{
    /// <summary>A presentity (<c>presentity|&lt;aor&gt;</c>): publications, watchers, the composed document.</summary>
    Presentity = 0,

    /// <summary>An address of record's bindings (<c>registration|&lt;aor&gt;</c>).</summary>
    Registration = 1,

    /// <summary>An address of record's stored pager messages (<c>mailbox|&lt;aor&gt;</c>).</summary>
    Mailbox = 2,

    /// <summary>One subscription (<c>subscription|&lt;id&gt;</c>).</summary>
    Subscription = 3,

    /// <summary>One XCAP document (<c>xcap|&lt;document selector&gt;</c>): its edits and versions.</summary>
    Xcap = 4,
}
