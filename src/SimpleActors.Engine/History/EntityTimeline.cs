using System.Runtime.CompilerServices;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Persistence.Query;

namespace SimpleActors.Engine.History;

/// <summary>
/// An entity's history rebuilt from its journal with the entity's own <see cref="IEntityState{TSelf, TEvent}.Apply"/>,
/// so a replay and the live entity cannot disagree. Events stream through; only the current state is held.
/// </summary>
public static class EntityTimeline
{
    /// <summary>Every event of the journal (in order) with the state after it, from <paramref name="initial"/>.</summary>
    public static async IAsyncEnumerable<EntityMoment<TState, TEvent>> ReplayAsync<TState, TEvent>(
        TState initial, IAsyncEnumerable<JournalEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TState : IEntityState<TState, TEvent>
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = initial;
        await foreach (var entry in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (entry.Event is TEvent change)
            {
                state = state.Apply(change);
                yield return new EntityMoment<TState, TEvent>(entry, change, state);
            }
        }
    }
}
