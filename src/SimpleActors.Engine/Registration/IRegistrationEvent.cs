using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Registration;

/// <summary>An event in the journal of a Registration entity.</summary>
public interface IRegistrationEvent : IEngineSerializable
{
    /// <summary>The address of record the event belongs to.</summary>
    string Aor { get; }

    /// <summary>When the registrar decided the change.</summary>
    DateTimeOffset At { get; }
}
