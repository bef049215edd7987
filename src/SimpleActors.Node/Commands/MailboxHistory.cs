using System.Globalization;
using SimpleActors.Engine.History;
using SimpleActors.Engine.Mailbox;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors history mailbox &lt;aor&gt;</c> (or <c>history mailbox|&lt;aor&gt;</c>): each pager MESSAGE (RFC 3428)
/// stored for an offline user (sender, Call-ID, CSeq, identity, content type and size), delivered or expired, with the
/// count of messages still waiting after it.
/// </summary>
internal static class MailboxHistory
{
    /// <summary>The columns and JSON fields of a row, after those every entity has.</summary>
    public static readonly HistoryRows<MailboxState, IMailboxEvent> Rows = new(["detail", "waiting"], change => change.At, Cells, Json);

    /// <summary>What the event did.</summary>
    public static string Detail(IMailboxEvent change) => change switch
    {
        MessageQueued { Message: var m } => string.Create(
            CultureInfo.InvariantCulture,
            $"{m.MessageId} from {m.From}, {m.ContentType ?? "no Content-Type"} {m.Body.Length} bytes ({HistoryTable.Who(m.Identity, m.CallId, m.CSeq)})"),
        MessageDelivered delivered => $"{delivered.MessageId} delivered",
        MessageExpired expired => $"{expired.MessageId} expired",
        _ => string.Empty,
    };

    private static IEnumerable<string> Cells(EntityMoment<MailboxState, IMailboxEvent> moment) =>
        [Detail(moment.Change), moment.State.Messages.Count.ToString(CultureInfo.InvariantCulture)];

    private static object Json(EntityMoment<MailboxState, IMailboxEvent> moment) => new
    {
        detail = Detail(moment.Change),
        messageId = moment.Change.MessageId,
        waiting = moment.State.Messages.Count,
        messages = moment.State.Messages.Select(m => new
        {
            messageId = m.MessageId,
            from = m.From,
            to = m.To,
            contentType = m.ContentType,
            size = m.Body.Length,
            callId = m.CallId,
            cseq = m.CSeq,
            identity = m.Identity,
            receivedAt = m.ReceivedAt,
            expiresAt = m.ExpiresAt,
        }),
    };
}
