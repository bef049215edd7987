using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Entities;

/// <summary>
/// An event of an <see cref="EntityShard{TState,TEvent,TSlot}"/>'s own stream: entities that came to hold something
/// live (after a restart the shard reads them, to run their expiries and timers on time) and entities that hold nothing
/// any more. One event holds every change that came while the previous one was being written, so a storm of new users
/// writes few of them. (Written first by the registration shards, hence its manifest, RJ1.)
/// </summary>
public sealed record ShardMembersChanged(IReadOnlyList<string> Joined, IReadOnlyList<string> Left) : IEngineSerializable;

/// <summary>The snapshot of a shard's own stream: the entities that hold something live (manifest RM1).</summary>
public sealed record ShardMembers(IReadOnlyList<string> Ids) : IEngineSerializable;
