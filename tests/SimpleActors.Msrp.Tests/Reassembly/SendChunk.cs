using System.Text;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Reassembly;

namespace SimpleActors.Msrp.Tests.Reassembly;

/// <summary>SEND chunks built by hand, and outcomes written as short text, for tables of reassembly cases.</summary>
internal static class SendChunk
{
    private static int counter;

    /// <summary>
    /// A SEND of <paramref name="messageId"/> whose body is <paramref name="text"/> from <paramref name="start"/>:
    /// Byte-Range <c>start-end/total</c>, the end <c>*</c> when <paramref name="openEnd"/>, the total <c>*</c> when null.
    /// </summary>
    public static MsrpRequest Of(
        string messageId,
        long start,
        string text,
        long? total,
        char flag = '+',
        bool openEnd = false,
        string? contentType = "text/plain")
        => Of(messageId, start, Encoding.UTF8.GetBytes(text), total, flag, openEnd, contentType);

    public static MsrpRequest Of(
        string messageId,
        long start,
        byte[] body,
        long? total,
        char flag = '+',
        bool openEnd = false,
        string? contentType = "text/plain")
    {
        var send = Bare(messageId, body, flag, body.Length == 0 ? null : contentType);
        send.ByteRange = new MsrpByteRange(start, openEnd ? null : start + body.Length - 1, total);
        return send;
    }

    /// <summary>A SEND without Byte-Range.</summary>
    public static MsrpRequest Bare(string? messageId, byte[] body, char flag = '$', string? contentType = "text/plain")
    {
        var send = new MsrpRequest($"tid{Interlocked.Increment(ref counter):D5}", MsrpMethod.Send, [Sample.Bob], [Sample.Alice])
        {
            Body = body,
            Continuation = (MsrpContinuation)flag,
        };
        send.MessageId = messageId;
        send.ContentType = contentType;
        return send;
    }

    /// <summary>"accepted 20", "complete text/plain Hello", "aborted", "refused 413".</summary>
    public static string Describe(MsrpReassemblyOutcome outcome) => outcome switch
    {
        MsrpReassemblyOutcome.Accepted a => $"accepted {a.Received}",
        MsrpReassemblyOutcome.Complete c => $"complete {c.ContentType} {Encoding.UTF8.GetString(c.Body.Span)}",
        MsrpReassemblyOutcome.Aborted => "aborted",
        MsrpReassemblyOutcome.Refused r => $"refused {r.StatusCode}",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
