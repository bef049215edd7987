using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Presence;

namespace SimpleActors.Engine.History;

/// <summary>One step of a presentity's history: the journaled event and the state it left, as the live entity had it.</summary>
public sealed record PresentityMoment(JournalEvent Entry, IPresentityEvent Change, PresentityState State);
