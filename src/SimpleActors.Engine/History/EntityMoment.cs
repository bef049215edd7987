using SimpleActors.Engine.Persistence.Query;

namespace SimpleActors.Engine.History;

/// <summary>One step of an entity's history: the journaled event and the state it left, as the live entity had it.</summary>
public sealed record EntityMoment<TState, TEvent>(JournalEvent Entry, TEvent Change, TState State);
