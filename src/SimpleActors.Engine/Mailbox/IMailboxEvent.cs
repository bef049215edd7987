using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Mailbox;

/// <summary>An event in the journal of a Mailbox entity.</summary>
public interface IMailboxEvent : IEngineSerializable
{
    string Aor { get; }

    string MessageId { get; }

    DateTimeOffset At { get; }
}
