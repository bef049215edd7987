namespace SimpleActors.Engine.Serialization;

/// <summary>
/// Marks every message the project serializer (<see cref="SimpleActorsSerializer"/>) writes: events,
/// snapshots, and the commands, queries and replies that cross nodes through sharding.
/// </summary>
#pragma warning disable CA1040 // a marker for the serialization binding, by design
public interface IEngineSerializable;
#pragma warning restore CA1040
