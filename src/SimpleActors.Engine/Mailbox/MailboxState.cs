using SimpleActors.Engine.Entities;
using System.Collections.Immutable;
using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Mailbox;

/// <summary>The messages stored for one address of record, in arrival order. Also the snapshot.</summary>
public sealed record MailboxState(string Aor, ImmutableList<StoredMessage> Messages) : IEngineSerializable, IEntityState<MailboxState, IMailboxEvent>
{
    public static MailboxState Empty(string aor) => new(aor, []);

    public bool IsEmpty => Messages.IsEmpty;

    public DateTimeOffset? NextExpiry => Messages.IsEmpty ? null : Messages.Min(m => m.ExpiresAt);

    public bool Contains(string messageId) => Messages.Exists(m => m.MessageId == messageId);

    public MailboxState Apply(IMailboxEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change switch
        {
            MessageQueued queued => Contains(queued.MessageId) ? this : this with { Messages = Messages.Add(queued.Message) },
            MessageDelivered or MessageExpired => this with { Messages = Messages.RemoveAll(m => m.MessageId == change.MessageId) },
            _ => throw new ArgumentException($"Unknown mailbox event {change.GetType().Name}.", nameof(change)),
        };
    }
}
