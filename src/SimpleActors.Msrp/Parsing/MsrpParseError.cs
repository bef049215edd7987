using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using SimpleActors.Msrp.Addressing;

namespace SimpleActors.Msrp.Parsing;

/// <summary>Throw helpers for the parser, kept out of line so the hot paths stay small (the Kestrel way).</summary>
internal static class MsrpParseError
{
    /// <summary>The start line is not MSRP, or not readable up to its transaction id: nothing can be answered.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void StartLine(string reason) => throw new MsrpParseException(400, reason);

    /// <summary>The start line is wrong after a readable transaction id.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void StartLine(ReadOnlySpan<byte> transactionId, string reason)
        => throw new MsrpParseException(400, reason) { TransactionId = Encoding.ASCII.GetString(transactionId) };

    /// <summary>A limit is exceeded: framing is lost, but what was read of the head goes with the error.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Limit(int statusCode, string reason, ReadOnlySpan<byte> head, in StartLine start)
        => throw WithAddressing(statusCode, reason, head, start, frameLength: null);

    /// <summary>The frame is whole but wrong: it can be answered when addressed, and skipped.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Frame(string reason, ReadOnlySpan<byte> head, in StartLine start, long frameLength)
        => throw WithAddressing(400, reason, head, start, frameLength);

    /// <summary>
    /// Adds what can be read of the frame: the transaction id, the method when the start line was read whole, and
    /// the To-Path and From-Path when the first two lines of <paramref name="head"/> are those headers, whole and valid.
    /// </summary>
    private static MsrpParseException WithAddressing(int statusCode, string reason, ReadOnlySpan<byte> head, in StartLine start, long? frameLength)
    {
        string? tid = null;
        string? method = null;
        IReadOnlyList<MsrpUri>? toPath = null;
        IReadOnlyList<MsrpUri>? fromPath = null;
        if (start.TransactionIdLength > 0)
        {
            tid = Encoding.ASCII.GetString(head.Slice(Parsing.StartLine.TransactionIdStart, start.TransactionIdLength));
        }

        if (start.Length > 0 && start.Length + 2 <= head.Length)
        {
            method = start.IsRequest ? Message.MsrpMethod.FromBytes(head.Slice(start.MethodStart, start.MethodLength)) : null;
            var rest = head[(start.Length + 2)..];
            toPath = ReadPathLine(ref rest, "To-Path"u8);
            fromPath = toPath is null ? null : ReadPathLine(ref rest, "From-Path"u8);
        }

        return new MsrpParseException(statusCode, reason)
        {
            TransactionId = tid,
            Method = method,
            ToPath = toPath,
            FromPath = fromPath,
            FrameLength = frameLength,
        };
    }

    private static MsrpUri[]? ReadPathLine(ref ReadOnlySpan<byte> rest, ReadOnlySpan<byte> name)
    {
        var end = rest.IndexOf("\r\n"u8);
        if (end < 0)
        {
            return null;
        }

        var line = rest[..end];
        rest = rest[(end + 2)..];
        var colon = line.IndexOf((byte)':');
        if (colon < 0 || !Ascii.EqualsIgnoreCase(line[..colon].TrimEnd(" \t"u8), name) || !Ascii.IsValid(line))
        {
            return null;
        }

        var value = Encoding.ASCII.GetString(line[(colon + 1)..]);
        return Message.MsrpHeaderValues.TryParseUriList(value, out var uris) ? uris : null;
    }
}
