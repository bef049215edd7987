using SimpleActors.Engine.Serialization;
using SimpleActors.Engine.Sharding;

namespace SimpleActors.Engine.Presence;

/// <summary>A command for the Presentity entity of <see cref="IWithAor.Aor"/>.</summary>
public interface IPresentityMessage : IWithAor, IEngineSerializable;
