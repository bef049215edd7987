using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Registration;

/// <summary>An event of a registration shard's own stream: which of its AORs hold bindings.</summary>
public interface IRegistrationShardEvent : IEngineSerializable;

/// <summary>The AOR got its first binding: after a restart the shard recovers it, to expire its bindings on time.</summary>
public sealed record RegistrationShardJoined(string Aor) : IRegistrationShardEvent;

/// <summary>The AOR's last binding went.</summary>
public sealed record RegistrationShardLeft(string Aor) : IRegistrationShardEvent;

/// <summary>The snapshot of a registration shard's stream: the AORs that hold bindings.</summary>
public sealed record RegistrationShardMembers(IReadOnlyList<string> Aors) : IEngineSerializable;
