namespace SimpleActors.Engine.Mailbox;

/// <summary>
/// Keeps a pager MESSAGE (RFC 3428) for an offline user until it is delivered or <paramref name="ExpiresAt"/>.
/// Idempotent by <paramref name="MessageId"/>. The reply, <see cref="MessageStored"/>, follows the journal write.
/// </summary>
public sealed record StoreMessage(
    string Aor,
    string MessageId,
    string From,
    string To,
    string? ContentType,
    byte[] Body,
    string CallId,
    uint CSeq,
    string? Identity,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ExpiresAt) : IMailboxMessage;

/// <summary>Asks for the stored messages in arrival order; the reply is <see cref="PendingMessages"/>.</summary>
public sealed record GetPendingMessages(string Aor) : IMailboxMessage;

/// <summary>The message was delivered: it is removed. The reply is <see cref="DeliveryAcknowledged"/>, also for an unknown id.</summary>
public sealed record AcknowledgeDelivery(string Aor, string MessageId, DateTimeOffset At) : IMailboxMessage;
