using System.Globalization;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;

namespace SimpleActors.Edge.Mailbox;

/// <summary>
/// The MESSAGE that delivers a stored pager message (RFC 3428): the original From, To, Content-Type and
/// body, a new Call-ID and CSeq (a new request, not a retransmission), and a Date saying when it was sent.
/// </summary>
public static class StoredMessageRequest
{
    public static SipRequest Create(StoredMessage message, string targetUri)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = new HeaderCollection();
        headers.Add(KnownHeader.MaxForwards, "70");
        headers.Add(KnownHeader.From, message.From);
        headers.Add(KnownHeader.To, message.To);
        headers.Add(KnownHeader.CallId, BranchId.New()[7..] + "@stored");
        headers.Add(KnownHeader.CSeq, "1 MESSAGE");
        headers.Add(KnownHeader.Date, message.ReceivedAt.UtcDateTime.ToString("r", CultureInfo.InvariantCulture));
        if (message.ContentType is { } contentType)
        {
            headers.Add(KnownHeader.ContentType, contentType);
        }

        headers.Add(KnownHeader.ContentLength, message.Body.Length.ToString(CultureInfo.InvariantCulture));
        return new SipRequest(SipMethod.Message, targetUri, headers, message.Body);
    }
}
