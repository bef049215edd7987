namespace SimpleActors.Engine.Mailbox;

/// <summary>The mailbox's rules as pure functions: what to persist and what to answer.</summary>
public static class MailboxDecision
{
    public static (IReadOnlyList<IMailboxEvent> Events, object Reply) Decide(MailboxState state, IMailboxMessage command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        return command switch
        {
            // Idempotent: a retransmitted or re-routed MESSAGE with a known id is stored once.
            StoreMessage store when state.Contains(store.MessageId) => ([], new MessageStored(store.Aor, store.MessageId)),
            StoreMessage store => ([new MessageQueued(store.Aor, StoredMessage.FromCommand(store), now)], new MessageStored(store.Aor, store.MessageId)),
            GetPendingMessages query => ([], new PendingMessages(query.Aor, [.. state.Messages.Where(m => m.ExpiresAt > now)])),
            AcknowledgeDelivery ack when state.Contains(ack.MessageId) =>
                ([new MessageDelivered(ack.Aor, ack.MessageId, ack.At)], new DeliveryAcknowledged(ack.Aor, ack.MessageId)),
            AcknowledgeDelivery ack => ([], new DeliveryAcknowledged(ack.Aor, ack.MessageId)),
            _ => throw new ArgumentException($"Unknown mailbox command {command.GetType().Name}.", nameof(command)),
        };
    }

    /// <summary>The expiry events due at <paramref name="now"/>.</summary>
    public static IReadOnlyList<IMailboxEvent> Expire(MailboxState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.Messages.Where(m => m.ExpiresAt <= now).Select(m => new MessageExpired(state.Aor, m.MessageId, now))];
    }
}
