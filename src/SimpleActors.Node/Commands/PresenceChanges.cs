using SimpleActors.Engine.History;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Presence;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors history changes [--from T] [--to T] [--json]</c>: every presence change of every presentity, in the
/// order the journal wrote them (the <c>presence</c> tag, <see cref="JournalTags"/>), with the presentity and what the
/// event did. The time window is applied by the query, so a window of a busy journal reads only its own rows. The state
/// each change left is one presentity's history away (<c>history &lt;aor&gt;</c>).
/// </summary>
internal static class PresenceChanges
{
    /// <summary>
    /// The columns and JSON fields of a row, after those every history has. A change's "state" here is the presentity it
    /// changed: the tag's events are not replayed, only shown.
    /// </summary>
    public static readonly HistoryRows<string, IPresentityEvent> Rows = new(
        ["presentity", "detail"],
        change => change.At,
        moment => [moment.State, HistoryTable.Detail(moment.Change)],
        moment => new { presentity = moment.State, ordering = moment.Entry.Ordering, detail = HistoryTable.Detail(moment.Change) });

    /// <summary>The tag's events in the window as moments of their presentities (the address of record as the moment's state).</summary>
    public static IAsyncEnumerable<EntityMoment<string, IPresentityEvent>> ReadAsync(
        JournalQueries queries, JournalRange window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        return Of(queries.EventsTagged(JournalTags.Presence, window, cancellationToken));
    }

    /// <summary>Presence events as moments of their presentities; other events (none are tagged so) are passed over.</summary>
    public static async IAsyncEnumerable<EntityMoment<string, IPresentityEvent>> Of(IAsyncEnumerable<JournalEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        await foreach (var entry in events.ConfigureAwait(false))
        {
            if (entry.Event is IPresentityEvent change)
            {
                yield return new EntityMoment<string, IPresentityEvent>(entry, change, change.Aor);
            }
        }
    }
}
