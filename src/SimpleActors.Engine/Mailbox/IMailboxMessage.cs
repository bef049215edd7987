using SimpleActors.Engine.Serialization;
using SimpleActors.Engine.Sharding;

namespace SimpleActors.Engine.Mailbox;

/// <summary>A command or query for the Mailbox entity of one address of record, routed by its canonical AOR.</summary>
public interface IMailboxMessage : IWithAor, IEngineSerializable;
