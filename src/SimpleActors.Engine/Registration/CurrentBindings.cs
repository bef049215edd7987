using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Registration;

/// <summary>The answer to <see cref="GetBindings"/>: the unexpired bindings, in registration order.</summary>
public sealed record CurrentBindings(string Aor, IReadOnlyList<Binding> Bindings) : IEngineSerializable;
