using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Registration;

/// <summary>
/// An event of a registration shard's own stream: AORs that got their first binding (after a restart the shard reads
/// them, to expire their bindings on time) and AORs whose last binding went. One event holds every change that came
/// while the previous one was being written, so a registration storm writes few of them.
/// </summary>
public sealed record RegistrationShardMembersChanged(IReadOnlyList<string> Joined, IReadOnlyList<string> Left) : IEngineSerializable;

/// <summary>The snapshot of a registration shard's stream: the AORs that hold bindings.</summary>
public sealed record RegistrationShardMembers(IReadOnlyList<string> Aors) : IEngineSerializable;
