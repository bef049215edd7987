using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Mailbox;

/// <summary>The message is in the journal (or already was).</summary>
public sealed record MessageStored(string Aor, string MessageId) : IEngineSerializable;

/// <summary>The unexpired stored messages, oldest first.</summary>
public sealed record PendingMessages(string Aor, IReadOnlyList<StoredMessage> Messages) : IEngineSerializable;

/// <summary>The message is no longer stored.</summary>
public sealed record DeliveryAcknowledged(string Aor, string MessageId) : IEngineSerializable;
