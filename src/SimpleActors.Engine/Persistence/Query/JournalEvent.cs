namespace SimpleActors.Engine.Persistence.Query;

/// <summary>
/// One event as the journal holds it: whose (<paramref name="PersistenceId"/>, <paramref name="SequenceNr"/>), where in
/// the journal's global order (<paramref name="Ordering"/>), when it was written, and the event itself, deserialized by
/// the same serializer that wrote it.
/// </summary>
public sealed record JournalEvent(long Ordering, string PersistenceId, long SequenceNr, DateTimeOffset WrittenAt, object Event);
