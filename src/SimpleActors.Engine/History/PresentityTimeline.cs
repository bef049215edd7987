using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Presence;

namespace SimpleActors.Engine.History;

/// <summary>
/// A presentity's history (<see cref="EntityTimeline"/>), and the document its watchers were sent at any instant,
/// composed by the same <see cref="ComposedDocument"/> the entity uses.
/// </summary>
public static class PresentityTimeline
{
    public static string PersistenceId(string aor) => PresentityShard.PersistenceIdPrefix + aor;

    /// <summary>Every event of <paramref name="aor"/>'s journal (in order) with the state after it.</summary>
    public static IAsyncEnumerable<EntityMoment<PresentityState, IPresentityEvent>> ReplayAsync(
        string aor, IAsyncEnumerable<JournalEvent> events, CancellationToken cancellationToken = default) =>
        EntityTimeline.ReplayAsync<PresentityState, IPresentityEvent>(PresentityState.Empty(aor), events, cancellationToken);

    /// <summary>
    /// The state at <paramref name="at"/>: every event that happened then or before applied. An event's time is its own
    /// (<see cref="IPresentityEvent.At"/>, full precision: when the request that caused it arrived, or the expiry ran), not
    /// the journal's millisecond write time, so an event one microsecond after <paramref name="at"/> stays out.
    /// </summary>
    public static async Task<PresentityState> StateAtAsync(
        string aor, IAsyncEnumerable<JournalEvent> events, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var state = PresentityState.Empty(aor);
        await foreach (var moment in ReplayAsync(aor, events, cancellationToken).ConfigureAwait(false))
        {
            if (moment.Change.At > at)
            {
                break;
            }

            state = moment.State;
        }

        return state;
    }

    /// <summary>The presence document (PIDF) a watcher of the presentity was sent for <paramref name="state"/>.</summary>
    public static byte[] DocumentOf(PresentityState state) => new ComposedDocument().For(state);
}
