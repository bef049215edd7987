namespace SimpleActors.Engine.Mailbox;

/// <summary>A pager message held for delivery, with the request that brought it.</summary>
public sealed record StoredMessage(
    string MessageId,
    string From,
    string To,
    string? ContentType,
    byte[] Body,
    string CallId,
    uint CSeq,
    string? Identity,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ExpiresAt)
{
    public static StoredMessage FromCommand(StoreMessage command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new StoredMessage(
            command.MessageId,
            command.From,
            command.To,
            command.ContentType,
            command.Body,
            command.CallId,
            command.CSeq,
            command.Identity,
            command.ReceivedAt,
            command.ExpiresAt);
    }
}
