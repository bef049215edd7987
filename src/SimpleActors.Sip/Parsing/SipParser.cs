using System.Buffers;
using System.Runtime.CompilerServices;
using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Parsing;

/// <summary>
/// Parses SIP messages (RFC 3261 section 7) from bytes: one message per datagram, or messages framed out
/// of a byte stream by Content-Length (section 18.3). Work is done on spans with byte constants; a parsed
/// message owns one byte array holding its head and body, one array of header rows and nothing per header.
/// Every rejection is a <see cref="SipParseException"/> carrying the status a server answers with.
/// </summary>
public sealed class SipParser
{
    private const byte CR = (byte)'\r';
    private const byte LF = (byte)'\n';
    private const byte SP = (byte)' ';
    private const byte HT = (byte)'\t';
    private const int StackSlots = 256;

    public SipParser(SipParserLimits? limits = null)
    {
        Limits = limits ?? SipParserLimits.Default;
        Limits.Validate();
    }

    public SipParserLimits Limits { get; }

    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private static ReadOnlySpan<byte> CrlfCrlf => "\r\n\r\n"u8;

    /// <summary>
    /// Reads the next frame of a stream transport. Returns <see cref="SipFrame.Incomplete"/> (having consumed
    /// at most leading CRLFs) until a whole message is buffered. Throws <see cref="SipParseException"/> when the
    /// bytes cannot be a valid message or exceed a limit; framing is then lost and the connection should close
    /// after answering.
    /// </summary>
    public SipFrame TryReadFrame(ref SequenceReader<byte> reader, out SipMessage? message)
    {
        message = null;

        // RFC 3261 section 7.5: CRLFs before a start line are ignored; RFC 5626 section 3.5.1: CRLFCRLF is a ping.
        while (reader.IsNext(Crlf, advancePast: false))
        {
            if (reader.IsNext(CrlfCrlf, advancePast: true))
            {
                return SipFrame.KeepAlivePing;
            }

            if (reader.Remaining < 4)
            {
                // Maybe the first half of a ping; wait for the rest.
                return SipFrame.Incomplete;
            }

            reader.Advance(2);
        }

        if (reader.End)
        {
            return SipFrame.Incomplete;
        }

        var unread = reader.UnreadSpan;
        var headEnd = unread.IndexOf(CrlfCrlf);
        if (headEnd >= 0)
        {
            // Fast path: the whole head is in the first segment.
            return FrameFromHead(ref reader, unread[..(headEnd + 4)], out message);
        }

        var probe = reader;
        if (!probe.TryReadTo(out ReadOnlySequence<byte> headWithoutDelimiter, CrlfCrlf, advancePastDelimiter: false))
        {
            RejectIncompleteHead(reader);
            return SipFrame.Incomplete;
        }

        var headLength = checked((int)Math.Min(headWithoutDelimiter.Length + 4, int.MaxValue));
        if (headLength > Limits.MaxMessageSize)
        {
            SipParseError.Throw(513, "Message header section exceeds the size limit");
        }

        var rented = ArrayPool<byte>.Shared.Rent(headLength);
        try
        {
            reader.UnreadSequence.Slice(0, headLength).CopyTo(rented);
            return FrameFromHead(ref reader, rented.AsSpan(0, headLength), out message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Parses one datagram as one message (RFC 3261 section 18.3): the body is Content-Length octets when the
    /// header is present (octets past it are discarded), else the rest of the datagram. Returns null for a
    /// datagram of nothing but CRLFs (a keep-alive).
    /// </summary>
    public SipMessage? ParseDatagram(ReadOnlySpan<byte> datagram)
    {
        while (datagram.StartsWith(Crlf))
        {
            datagram = datagram[2..];
        }

        if (datagram.IsEmpty)
        {
            return null;
        }

        if (datagram.Length > Limits.MaxMessageSize)
        {
            SipParseError.Throw(513, "Message exceeds the size limit");
        }

        var headEnd = datagram.IndexOf(CrlfCrlf);
        if (headEnd < 0)
        {
            RejectUnterminatedHead(datagram);
        }

        var head = datagram[..(headEnd + 4)];
        Span<HeaderSlot> slots = Limits.MaxHeaderCount <= StackSlots
            ? stackalloc HeaderSlot[Limits.MaxHeaderCount]
            : new HeaderSlot[Limits.MaxHeaderCount];
        var startLine = ParseHead(head, slots, out var count, out var contentLength);

        var available = datagram.Length - head.Length;
        int bodyLength;
        if (contentLength < 0)
        {
            bodyLength = available;
        }
        else if (contentLength > available)
        {
            // RFC 3261 section 18.3 / RFC 4475 section 3.1.2.2.
            return SipParseError.BadRequest<SipMessage>("Content-Length larger than the message");
        }
        else
        {
            bodyLength = contentLength;
        }

        CheckBodySize(bodyLength);
        var owned = datagram[..(head.Length + bodyLength)].ToArray();
        return Build(owned, head.Length, bodyLength, startLine, slots[..count]);
    }

    /// <summary>Parses bytes that must hold exactly one message (a file, a test vector) with datagram rules.</summary>
    public SipMessage Parse(ReadOnlySpan<byte> bytes)
        => ParseDatagram(bytes) ?? SipParseError.BadRequest<SipMessage>("Empty message");

    private SipFrame FrameFromHead(ref SequenceReader<byte> reader, ReadOnlySpan<byte> head, out SipMessage? message)
    {
        message = null;
        if (head.Length > Limits.MaxMessageSize)
        {
            SipParseError.Throw(513, "Message header section exceeds the size limit");
        }

        Span<HeaderSlot> slots = Limits.MaxHeaderCount <= StackSlots
            ? stackalloc HeaderSlot[Limits.MaxHeaderCount]
            : new HeaderSlot[Limits.MaxHeaderCount];
        var startLine = ParseHead(head, slots, out var count, out var contentLength);

        // RFC 3261 section 18.3: on a stream Content-Length is mandatory; without it there is no body.
        var bodyLength = Math.Max(contentLength, 0);
        CheckBodySize(bodyLength);
        var total = head.Length + bodyLength;
        if (total > Limits.MaxMessageSize)
        {
            SipParseError.Throw(513, "Message exceeds the size limit");
        }

        if (reader.Remaining < total)
        {
            return SipFrame.Incomplete;
        }

        var owned = new byte[total];
        var unread = reader.UnreadSpan;
        if (unread.Length >= total)
        {
            unread[..total].CopyTo(owned);
        }
        else
        {
            reader.UnreadSequence.Slice(0, total).CopyTo(owned);
        }

        reader.Advance(total);
        message = Build(owned, head.Length, bodyLength, startLine, slots[..count]);
        return SipFrame.Message;
    }

    private void CheckBodySize(int bodyLength)
    {
        if (bodyLength > Limits.MaxBodySize)
        {
            SipParseError.Throw(413, "Message body exceeds the size limit");
        }
    }

    /// <summary>No empty line yet: fail now if what is buffered can never become an acceptable head.</summary>
    private void RejectIncompleteHead(SequenceReader<byte> reader)
    {
        if (reader.Remaining > Limits.MaxMessageSize)
        {
            SipParseError.Throw(513, "Message header section exceeds the size limit");
        }

        var probe = reader;
        if (!probe.TryReadTo(out ReadOnlySequence<byte> firstLine, Crlf, advancePastDelimiter: false))
        {
            if (reader.Remaining > Limits.MaxLineLength)
            {
                RejectLongStartLine(reader.UnreadSpan);
            }
        }
        else if (firstLine.Length > Limits.MaxLineLength)
        {
            RejectLongStartLine(reader.UnreadSpan);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RejectUnterminatedHead(ReadOnlySpan<byte> datagram)
    {
        // RFC 4475 section 3.1.2.15's archive copy ends without the empty line: a datagram cannot wait for more.
        SipParseError.BadRequest("Header section is not terminated by an empty line");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RejectLongStartLine(ReadOnlySpan<byte> start)
    {
        if (IsStatusLine(start))
        {
            SipParseError.Throw(513, "Status line exceeds the line length limit");
        }

        SipParseError.Throw(414, "Request line exceeds the line length limit");
    }

    /// <summary>
    /// Parses the start line and header rows of <paramref name="head"/>, which ends with the empty line.
    /// Returns the start line; fills <paramref name="slots"/> with the header rows; reports the declared
    /// Content-Length (-1 when absent).
    /// </summary>
    private StartLine ParseHead(ReadOnlySpan<byte> head, Span<HeaderSlot> slots, out int count, out int contentLength)
    {
        var lineEnd = head.IndexOf(Crlf);
        if (lineEnd > Limits.MaxLineLength)
        {
            RejectLongStartLine(head);
        }

        var startLine = ParseStartLine(head[..lineEnd]);

        count = 0;
        contentLength = -1;
        var end = head.Length - 2; // the CRLF of the empty line
        var pos = lineEnd + 2;
        while (pos < end)
        {
            var nameStart = pos;
            while (pos < end && SipCharacters.IsToken(head[pos]))
            {
                pos++;
            }

            var nameLength = pos - nameStart;
            if (nameLength == 0)
            {
                RejectHeaderName(head[nameStart]);
            }

            // HCOLON = *( SP / HTAB ) ":" SWS (RFC 3261 section 25.1)
            while (head[pos] is SP or HT)
            {
                pos++;
            }

            if (head[pos] != (byte)':')
            {
                SipParseError.BadRequest("Malformed header field: no colon after the name");
            }

            pos++;
            var valueStart = pos;
            var folded = false;
            int fieldEnd;
            while (true)
            {
                // The head ends with CRLF CRLF, so a CR or LF is always found.
                var at = pos + head[pos..].IndexOfAny(CR, LF);
                if (head[at] != CR || head[at + 1] != LF)
                {
                    SipParseError.BadRequest("Bare CR or LF in a header field");
                }

                // RFC 3261 section 7.3.1: a line starting with whitespace continues the field (folding).
                if (head[at + 2] is SP or HT)
                {
                    folded = true;
                    pos = at + 2;
                    continue;
                }

                fieldEnd = at;
                break;
            }

            if (fieldEnd - nameStart > Limits.MaxLineLength)
            {
                SipParseError.Throw(513, "Header field exceeds the line length limit");
            }

            var vs = valueStart;
            var ve = fieldEnd;
            while (vs < ve && head[vs] is SP or HT or CR or LF)
            {
                vs++;
            }

            while (ve > vs && head[ve - 1] is SP or HT or CR or LF)
            {
                ve--;
            }

            if (count == slots.Length)
            {
                SipParseError.Throw(513, "Too many header fields");
            }

            var id = HeaderNames.Lookup(head.Slice(nameStart, nameLength));
            var value = head[vs..ve];
            slots[count++] = new HeaderSlot(id, nameStart, nameLength, vs, ve - vs, folded && value.ContainsAny(CR, LF));
            if (id == KnownHeader.ContentLength)
            {
                if (contentLength >= 0)
                {
                    // RFC 4475 section 3.3.9: framing would be ambiguous.
                    SipParseError.BadRequest("Multiple Content-Length header fields");
                }

                contentLength = ParseContentLength(value);
            }

            pos = fieldEnd + 2;
        }

        return startLine;
    }

    private static int ParseContentLength(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.Length > 9)
        {
            return SipParseError.BadRequest<int>("Invalid Content-Length");
        }

        var length = 0;
        foreach (var b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                // RFC 4475 section 3.1.2.3: a negative or non-numeric length cannot frame the message.
                return SipParseError.BadRequest<int>("Invalid Content-Length");
            }

            length = (length * 10) + (b - '0');
        }

        return length;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RejectHeaderName(byte first)
    {
        if (first is SP or HT)
        {
            SipParseError.BadRequest("Header continuation line without a header field");
        }

        SipParseError.BadRequest("Malformed header field name");
    }

    private static bool IsStatusLine(ReadOnlySpan<byte> line)
        => line.Length >= 5
           && (line[0] | 0x20) == 's' && (line[1] | 0x20) == 'i' && (line[2] | 0x20) == 'p' && line[3] == '/'
           && line[4] is >= (byte)'0' and <= (byte)'9';

    private static StartLine ParseStartLine(ReadOnlySpan<byte> line)
        => IsStatusLine(line) ? ParseStatusLine(line) : ParseRequestLine(line);

    // Request-Line = Method SP Request-URI SP SIP-Version CRLF, exactly one SP each (RFC 4475 sections 3.1.2.8-10).
    private static StartLine ParseRequestLine(ReadOnlySpan<byte> line)
    {
        var sp1 = line.IndexOf(SP);
        if (sp1 <= 0)
        {
            SipParseError.BadRequest("Malformed request line");
        }

        if (!SipCharacters.IsToken(line[..sp1]))
        {
            SipParseError.BadRequest("Malformed method");
        }

        var uriStart = sp1 + 1;
        var sp2 = line[uriStart..].IndexOf(SP);
        if (sp2 <= 0)
        {
            SipParseError.BadRequest("Malformed request line: Request-URI and SIP-Version must be separated by one SP");
        }

        var uri = line.Slice(uriStart, sp2);
        foreach (var b in uri)
        {
            if (b is <= SP or >= 0x7F)
            {
                SipParseError.BadRequest("Malformed Request-URI");
            }
        }

        CheckVersion(line[(uriStart + sp2 + 1)..]);
        return new StartLine(true, 0, sp1, uriStart, sp2, 0, 0, 0);
    }

    // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF (RFC 3261 section 7.2).
    private static StartLine ParseStatusLine(ReadOnlySpan<byte> line)
    {
        var sp = line.IndexOf(SP);
        if (sp < 0)
        {
            SipParseError.BadRequest("Malformed status line");
        }

        CheckVersion(line[..sp]);
        var rest = line[(sp + 1)..];
        if (rest.Length < 3 || (rest.Length > 3 && rest[3] != SP)
            || rest[0] is < (byte)'1' or > (byte)'6'
            || rest[1] is < (byte)'0' or > (byte)'9'
            || rest[2] is < (byte)'0' or > (byte)'9')
        {
            // RFC 4475 section 3.1.2.19: a status code is exactly three digits, 100 to 699.
            SipParseError.BadRequest("Malformed status code");
        }

        var status = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');
        var reasonStart = sp + 1 + Math.Min(4, rest.Length);
        var reason = line[reasonStart..];
        foreach (var b in reason)
        {
            if ((b < SP && b != HT) || b == 0x7F)
            {
                SipParseError.BadRequest("Malformed reason phrase");
            }
        }

        return new StartLine(false, 0, 0, 0, 0, status, reasonStart, reason.Length);
    }

    // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT, case-insensitive (RFC 3261 section 7.1); only 2.0 is served.
    private static void CheckVersion(ReadOnlySpan<byte> version)
    {
        if (version.Length == 7 && (version[0] | 0x20) == 's' && (version[1] | 0x20) == 'i' && (version[2] | 0x20) == 'p'
            && version[3] == '/' && version[4] == '2' && version[5] == '.' && version[6] == '0')
        {
            return;
        }

        RejectVersion(version);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RejectVersion(ReadOnlySpan<byte> version)
    {
        var ok = version.Length >= 7 && (version[0] | 0x20) == 's' && (version[1] | 0x20) == 'i'
                 && (version[2] | 0x20) == 'p' && version[3] == '/';
        var dots = 0;
        var digitsInPart = 0;
        for (var i = 4; ok && i < version.Length; i++)
        {
            if (version[i] == '.')
            {
                ok = digitsInPart > 0;
                dots++;
                digitsInPart = 0;
            }
            else if (version[i] is >= (byte)'0' and <= (byte)'9')
            {
                digitsInPart++;
            }
            else
            {
                ok = false;
            }
        }

        if (ok && dots == 1 && digitsInPart > 0)
        {
            // RFC 3261 section 21.5.7 / RFC 4475 section 3.1.2.16.
            SipParseError.Throw(505, "SIP version not supported");
        }

        SipParseError.BadRequest("Malformed SIP version");
    }

    private static SipMessage Build(byte[] owned, int headLength, int bodyLength, in StartLine startLine, ReadOnlySpan<HeaderSlot> slots)
    {
        var fields = new HeaderField[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[i];
            if (slot.Folded)
            {
                // Folding is equivalent to whitespace (RFC 3261 section 7.3.1): our copy, so rewrite in place.
                var value = owned.AsSpan(slot.ValueStart, slot.ValueLength);
                value.Replace(CR, SP);
                value.Replace(LF, SP);
            }

            var name = slot.Id == KnownHeader.Unknown ? owned.AsMemory(slot.NameStart, slot.NameLength) : default;
            fields[i] = new HeaderField(slot.Id, name, owned.AsMemory(slot.ValueStart, slot.ValueLength));
        }

        var headers = new HeaderCollection(fields, fields.Length);
        var body = owned.AsMemory(headLength, bodyLength);
        if (startLine.IsRequest)
        {
            var method = SipMethod.FromBytes(owned.AsSpan(startLine.MethodStart, startLine.MethodLength));
            return new SipRequest(method, owned.AsMemory(startLine.UriStart, startLine.UriLength), headers, body);
        }

        return new SipResponse(startLine.StatusCode, owned.AsMemory(startLine.ReasonStart, startLine.ReasonLength), headers, body);
    }
}
