namespace SimpleActors.Engine.Mailbox;

/// <summary>A message was stored; it carries its Call-ID, CSeq and identity.</summary>
public sealed record MessageQueued(string Aor, StoredMessage Message, DateTimeOffset At) : IMailboxEvent
{
    public string MessageId => Message.MessageId;
}

/// <summary>A stored message was delivered and acknowledged.</summary>
public sealed record MessageDelivered(string Aor, string MessageId, DateTimeOffset At) : IMailboxEvent;

/// <summary>A stored message reached its expiry undelivered.</summary>
public sealed record MessageExpired(string Aor, string MessageId, DateTimeOffset At) : IMailboxEvent;
