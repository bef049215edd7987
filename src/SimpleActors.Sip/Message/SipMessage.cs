using System.Globalization;

namespace SimpleActors.Sip.Message;

/// <summary>
/// A SIP request or response (RFC 3261 section 7): start line, ordered header fields and a body of bytes.
/// A parsed message shares one byte array among its header values and body; typed views of the headers
/// are parsed when they are read.
/// </summary>
public abstract partial class SipMessage
{
    /// <summary>The only version this server speaks (RFC 3261 section 7.1).</summary>
    public const string Version = "SIP/2.0";

    private protected SipMessage(HeaderCollection headers, ReadOnlyMemory<byte> body)
    {
        Headers = headers;
        Body = body;
    }

    public HeaderCollection Headers { get; }

    /// <summary>The message body; the serializer writes Content-Length from its length.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    public abstract bool IsRequest { get; }

    /// <summary>The Call-ID, or null when it is missing.</summary>
    public string? CallId => Headers.GetFirstValue(KnownHeader.CallId);

    /// <summary>The Content-Length value as declared, or null when it is absent or not a number.</summary>
    public int? DeclaredContentLength
        => Headers.GetFirstValue(KnownHeader.ContentLength) is { } value
           && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            ? length
            : null;

    /// <summary>Same start line, the same header rows in the same order, and the same body.</summary>
    public bool ContentEquals(SipMessage other)
        => StartLineEquals(other) && Headers.SequenceEqual(other.Headers) && Body.Span.SequenceEqual(other.Body.Span);

    private protected abstract bool StartLineEquals(SipMessage other);

    /// <summary>The start line as it goes on the wire, without CRLF.</summary>
    public abstract string StartLine { get; }

    public override string ToString() => StartLine;
}
