using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Presence;

/// <summary>An event in a Presentity's journal. Each carries the presentity, its time and what caused it.</summary>
public interface IPresentityEvent : IEngineSerializable
{
    string Aor { get; }

    DateTimeOffset At { get; }
}
