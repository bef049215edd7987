using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace SimpleActors.Sip.Message;

/// <summary>
/// Writes a message to bytes: start line, each header row as <c>Name: value</c> in order (known headers
/// under their canonical long name, unknown ones as received), the empty line and the body. The
/// Content-Length row always states the body's true length, and one is added when missing, since stream
/// transports need it (RFC 3261 section 18.3).
/// </summary>
public static class SipMessageWriter
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private static ReadOnlySpan<byte> ColonSpace => ": "u8;

    private static ReadOnlySpan<byte> VersionBytes => "SIP/2.0"u8;

    /// <summary>The exact number of bytes <see cref="Write"/> produces.</summary>
    public static int GetByteCount(SipMessage message)
    {
        var n = StartLineByteCount(message) + 2;
        var sawLength = false;
        var headers = message.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var field = headers[i];
            n += field.NameBytes.Length + 2 + 2;
            if (field.Id == KnownHeader.ContentLength)
            {
                sawLength = true;
                n += DigitCount(message.Body.Length);
            }
            else
            {
                n += field.RawValue.Length;
            }
        }

        if (!sawLength)
        {
            n += "Content-Length: "u8.Length + DigitCount(message.Body.Length) + 2;
        }

        return n + 2 + message.Body.Length;
    }

    /// <summary>Serializes into a new array of the exact size.</summary>
    public static byte[] ToBytes(SipMessage message)
    {
        var bytes = new byte[GetByteCount(message)];
        var written = Write(message, bytes);
        return written == bytes.Length ? bytes : bytes[..written];
    }

    /// <summary>Serializes into a buffer writer (a pooled buffer or a pipe).</summary>
    public static void Write(SipMessage message, IBufferWriter<byte> output)
    {
        var size = GetByteCount(message);
        var span = output.GetSpan(size);
        output.Advance(Write(message, span));
    }

    /// <summary>Serializes into <paramref name="destination"/>, which holds at least <see cref="GetByteCount"/> bytes.</summary>
    public static int Write(SipMessage message, Span<byte> destination)
    {
        var pos = WriteStartLine(message, destination);
        Append(Crlf, destination, ref pos);
        var sawLength = false;
        var headers = message.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var field = headers[i];
            Append(field.NameBytes, destination, ref pos);
            Append(ColonSpace, destination, ref pos);
            if (field.Id == KnownHeader.ContentLength)
            {
                sawLength = true;
                AppendNumber(message.Body.Length, destination, ref pos);
            }
            else
            {
                Append(field.RawValue.Span, destination, ref pos);
            }

            Append(Crlf, destination, ref pos);
        }

        if (!sawLength)
        {
            Append("Content-Length: "u8, destination, ref pos);
            AppendNumber(message.Body.Length, destination, ref pos);
            Append(Crlf, destination, ref pos);
        }

        Append(Crlf, destination, ref pos);
        Append(message.Body.Span, destination, ref pos);
        return pos;
    }

    private static int StartLineByteCount(SipMessage message) => message switch
    {
        SipRequest request => request.Method.Length + 1 + request.RawRequestUri.Length + 1 + VersionBytes.Length,
        SipResponse response => VersionBytes.Length + 1 + 3 + 1 + response.RawReasonPhrase.Length,
        _ => throw new ArgumentException("Unknown message type", nameof(message)),
    };

    private static int WriteStartLine(SipMessage message, Span<byte> destination)
    {
        var pos = 0;
        if (message is SipRequest request)
        {
            pos += Encoding.ASCII.GetBytes(request.Method, destination);
            destination[pos++] = (byte)' ';
            Append(request.RawRequestUri, destination, ref pos);
            destination[pos++] = (byte)' ';
            Append(VersionBytes, destination, ref pos);
            return pos;
        }

        var response = (SipResponse)message;
        Append(VersionBytes, destination, ref pos);
        destination[pos++] = (byte)' ';
        AppendNumber(response.StatusCode, destination, ref pos);
        destination[pos++] = (byte)' ';
        Append(response.RawReasonPhrase, destination, ref pos);
        return pos;
    }

    private static void Append(ReadOnlySpan<byte> source, Span<byte> destination, ref int pos)
    {
        source.CopyTo(destination[pos..]);
        pos += source.Length;
    }

    private static void AppendNumber(int value, Span<byte> destination, ref int pos)
    {
        Utf8Formatter.TryFormat(value, destination[pos..], out var written);
        pos += written;
    }

    private static int DigitCount(int value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }
}
