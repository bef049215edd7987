using System.Buffers;
using System.Text;
using SimpleActors.Msrp.Addressing;

namespace SimpleActors.Msrp.Message;

/// <summary>
/// Writes a message to bytes (RFC 4975 section 9): the start line, To-Path, From-Path, the other headers in order,
/// for a request with a body an empty line, the body and CRLF, then the end-line <c>-------transact-id flag</c>.
/// RFC 4975 section 7.1: a request whose body holds <c>-------</c> and its transaction id gets a new transaction id
/// first, which the caller reads back from <see cref="MsrpMessage.TransactionId"/>.
/// </summary>
public static class MsrpMessageWriter
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private static ReadOnlySpan<byte> Dashes => "-------"u8;

    /// <summary>The exact number of bytes <see cref="Write(MsrpMessage, Span{byte})"/> produces.</summary>
    public static int GetByteCount(MsrpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        EnsureEndLineIsUnique(message);
        var tid = message.TransactionId.Length;
        var n = 5 + tid + 1 + 2; // "MSRP " tid SP ... CRLF
        n += message switch
        {
            MsrpRequest request => request.Method.Length,
            MsrpResponse response => 3 + (response.Comment is null ? 0 : 1 + Encoding.UTF8.GetByteCount(response.Comment)),
            _ => throw new ArgumentException("Unknown message type", nameof(message)),
        };
        n += PathByteCount("To-Path: ", message.ToPath) + PathByteCount("From-Path: ", message.FromPath);
        foreach (var header in message.Headers)
        {
            n += header.Name.Length + 2 + header.RawValue.Length + 2;
        }

        if (message is MsrpRequest { Body.IsEmpty: false } withBody)
        {
            n += 2 + withBody.Body.Length + 2;
        }

        return n + Dashes.Length + tid + 1 + 2;
    }

    /// <summary>Writes into a new array of the exact size.</summary>
    public static byte[] ToBytes(MsrpMessage message)
    {
        var bytes = new byte[GetByteCount(message)];
        Write(message, bytes);
        return bytes;
    }

    /// <summary>Writes into a buffer writer (a pooled buffer or a pipe).</summary>
    public static void Write(MsrpMessage message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var size = GetByteCount(message);
        var span = output.GetSpan(size);
        output.Advance(Write(message, span));
    }

    /// <summary>Writes into <paramref name="destination"/>, which holds at least <see cref="GetByteCount"/> bytes; returns the count.</summary>
    public static int Write(MsrpMessage message, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        EnsureEndLineIsUnique(message);
        var pos = 0;
        Append("MSRP "u8, destination, ref pos);
        AppendAscii(message.TransactionId, destination, ref pos);
        destination[pos++] = (byte)' ';
        if (message is MsrpRequest request)
        {
            AppendAscii(request.Method, destination, ref pos);
        }
        else
        {
            var response = (MsrpResponse)message;
            destination[pos++] = (byte)('0' + (response.StatusCode / 100));
            destination[pos++] = (byte)('0' + (response.StatusCode / 10 % 10));
            destination[pos++] = (byte)('0' + (response.StatusCode % 10));
            if (response.Comment is not null)
            {
                destination[pos++] = (byte)' ';
                pos += Encoding.UTF8.GetBytes(response.Comment, destination[pos..]);
            }
        }

        Append(Crlf, destination, ref pos);

        // RFC 4975 section 9: To-Path first, From-Path second, then the other headers in any order.
        AppendPath("To-Path: ", message.ToPath, destination, ref pos);
        AppendPath("From-Path: ", message.FromPath, destination, ref pos);
        foreach (var header in message.Headers)
        {
            AppendAscii(header.Name, destination, ref pos);
            Append(": "u8, destination, ref pos);
            Append(header.RawValue.Span, destination, ref pos);
            Append(Crlf, destination, ref pos);
        }

        var flag = MsrpContinuation.Complete;
        if (message is MsrpRequest sent)
        {
            flag = sent.Continuation;
            if (!sent.Body.IsEmpty)
            {
                // RFC 4975 section 7.1: the body follows an empty line and is followed by a CRLF that is not part of it.
                Append(Crlf, destination, ref pos);
                Append(sent.Body.Span, destination, ref pos);
                Append(Crlf, destination, ref pos);
            }
        }

        Append(Dashes, destination, ref pos);
        AppendAscii(message.TransactionId, destination, ref pos);
        destination[pos++] = (byte)flag;
        Append(Crlf, destination, ref pos);
        return pos;
    }

    /// <summary>True when <paramref name="body"/> holds <c>-------</c> followed by <paramref name="transactionId"/>.</summary>
    internal static bool BodyHoldsEndLine(ReadOnlySpan<byte> body, string transactionId)
    {
        ArgumentNullException.ThrowIfNull(transactionId);
        Span<byte> candidate = stackalloc byte[7 + 32];
        if (transactionId.Length > 32)
        {
            return false;
        }

        Dashes.CopyTo(candidate);
        var length = 7 + Encoding.ASCII.GetBytes(transactionId, candidate[7..]);
        return body.IndexOf(candidate[..length]) >= 0;
    }

    // RFC 4975 section 7.1: the sender scans the body for the end-line and, if it is there, picks a new transaction id.
    private static void EnsureEndLineIsUnique(MsrpMessage message)
    {
        if (message is MsrpRequest request && BodyHoldsEndLine(request.Body.Span, request.TransactionId))
        {
            request.TransactionId = MsrpIdentifiers.NewTransactionId(request.Body.Span);
        }
    }

    private static int PathByteCount(string name, IReadOnlyList<MsrpUri> path)
    {
        var n = name.Length + 2 + path.Count - 1;
        foreach (var uri in path)
        {
            n += uri.ToString().Length;
        }

        return n;
    }

    private static void AppendPath(string name, IReadOnlyList<MsrpUri> path, Span<byte> destination, ref int pos)
    {
        AppendAscii(name, destination, ref pos);
        for (var i = 0; i < path.Count; i++)
        {
            if (i > 0)
            {
                destination[pos++] = (byte)' ';
            }

            AppendAscii(path[i].ToString(), destination, ref pos);
        }

        Append(Crlf, destination, ref pos);
    }

    private static void AppendAscii(string text, Span<byte> destination, ref int pos)
        => pos += Encoding.ASCII.GetBytes(text, destination[pos..]);

    private static void Append(ReadOnlySpan<byte> source, Span<byte> destination, ref int pos)
    {
        source.CopyTo(destination[pos..]);
        pos += source.Length;
    }
}
