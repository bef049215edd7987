namespace SimpleActors.Engine.Persistence.Sql;

/// <summary>One event as the journal table stores it: the serialized payload and where it belongs.</summary>
public sealed record JournalRow(
    string PersistenceId,
    long SequenceNr,
    long WrittenAt,
    int SerializerId,
    string Manifest,
    byte[] Payload,
    string Writer,
    IReadOnlyList<string> Tags);
