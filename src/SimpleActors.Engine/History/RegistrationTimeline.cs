using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Registration;

namespace SimpleActors.Engine.History;

/// <summary>
/// An address of record's registrations rebuilt from its journal (<see cref="EntityTimeline"/>): each binding added,
/// refreshed or removed, with the bindings it left, as the registrar had them.
/// </summary>
public static class RegistrationTimeline
{
    public static string PersistenceId(string aor) => RegistrationActor.PersistenceIdPrefix + aor;

    /// <summary>Every event of <paramref name="aor"/>'s registration journal (in order) with the bindings after it.</summary>
    public static IAsyncEnumerable<EntityMoment<RegistrationState, IRegistrationEvent>> ReplayAsync(
        string aor, IAsyncEnumerable<JournalEvent> events, CancellationToken cancellationToken = default) =>
        EntityTimeline.ReplayAsync<RegistrationState, IRegistrationEvent>(RegistrationState.Empty(aor), events, cancellationToken);
}
