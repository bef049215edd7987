using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Relay;

/// <summary>Whether the owning edge sent a relayed message; <paramref name="Error"/> says why not.</summary>
public sealed record RelayResult(bool Sent, string? Error) : IEngineSerializable;
