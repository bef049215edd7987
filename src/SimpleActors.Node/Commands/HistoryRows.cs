using SimpleActors.Engine.History;

namespace SimpleActors.Node.Commands;

/// <summary>
/// What one kind of entity shows of each moment of its history, after what every kind shows (the event's time, its
/// sequence number, its type; <see cref="HistoryPrinter{TState, TEvent}"/>): its own columns and their cells, and its
/// own JSON fields. Pure functions of the moment, but for a presentity's, which cache the document of a state version.
/// </summary>
/// <param name="Columns">The headers of the entity's own columns.</param>
/// <param name="At">The event's own time: when the request that caused it arrived, or the expiry ran.</param>
/// <param name="Cells">A moment's cells, one per column, as plain text (the printer escapes them).</param>
/// <param name="Json">A moment's own fields: an object whose properties follow the common ones on its JSON line.</param>
internal sealed record HistoryRows<TState, TEvent>(
    IReadOnlyList<string> Columns,
    Func<TEvent, DateTimeOffset> At,
    Func<EntityMoment<TState, TEvent>, IEnumerable<string>> Cells,
    Func<EntityMoment<TState, TEvent>, object> Json)
    where TEvent : class;
