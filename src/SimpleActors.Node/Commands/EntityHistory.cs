using SimpleActors.Engine.Entities;
using SimpleActors.Engine.History;
using SimpleActors.Engine.Persistence.Query;

namespace SimpleActors.Node.Commands;

/// <summary>
/// One entity's history, any kind: its journal replayed from <c>initial</c> with the entity's own
/// <see cref="IEntityState{TSelf, TEvent}.Apply"/> (<see cref="EntityTimeline"/>) and printed as it streams; with
/// <c>--follow</c>, then each event written after it, polled once a second, applied to the state the history ended with
/// (so every event is printed once, in order) until cancelled.
/// </summary>
internal static class EntityHistory
{
    public static async Task ShowAsync<TState, TEvent>(
        HistoryPrinter<TState, TEvent> printer, JournalQueries queries, string persistenceId, TState initial, JournalRange window, bool follow,
        TextWriter error, CancellationToken cancellationToken)
        where TState : IEntityState<TState, TEvent>
        where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(printer);
        ArgumentNullException.ThrowIfNull(queries);
        var last = await printer.WriteAsync(
            EntityTimeline.ReplayAsync<TState, TEvent>(initial, queries.EventsOf(persistenceId, JournalRange.All, cancellationToken), cancellationToken),
            window,
            error,
            cancellationToken).ConfigureAwait(false);
        if (!follow)
        {
            return;
        }

        var state = last is null ? initial : last.State;
        var next = last is null ? 1 : last.Entry.SequenceNr + 1;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await foreach (var moment in EntityTimeline.ReplayAsync<TState, TEvent>(
                                   state, queries.EventsOf(persistenceId, new JournalRange(next), cancellationToken), cancellationToken).ConfigureAwait(false))
                {
                    state = moment.State;
                    next = moment.Entry.SequenceNr + 1;
                    printer.Add(moment);
                    printer.Flush();
                }

                await Task.Delay(HistoryCommand.FollowInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the end of following.
        }
    }
}
