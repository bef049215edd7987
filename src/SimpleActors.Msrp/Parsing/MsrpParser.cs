using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;
using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Message;

namespace SimpleActors.Msrp.Parsing;

/// <summary>
/// Frames MSRP requests and responses out of a byte stream (RFC 4975 sections 7.1 and 9). A frame is a start line,
/// header lines, optionally an empty line and a body, and the end-line <c>-------transact-id flag CRLF</c>; the body
/// ends at the first CRLF followed by that end-line, so no length is declared and the body may hold any bytes but its
/// own end-line. A parsed message owns one byte array holding its head and body.
/// </summary>
/// <remarks>
/// Safe to share between connections, like Kestrel's HTTP/1 parser: what it knows of an unfinished frame lives in the
/// caller's <see cref="MsrpFrameScan"/>, if the caller keeps one. A caller that keeps an unfinished frame buffered calls
/// again when more bytes arrive (and marks them examined, so that it is not woken before). Limits are checked on every
/// call, so a frame over a limit is refused as soon as enough of it is buffered to know, never after it is all there. The
/// outcome for a given stream of bytes does not depend on how the bytes were cut into reads or segments, nor on whether
/// a scan is kept. The cost: without a scan an unfinished body is searched again from its start on each call, so a chunk
/// of n bytes arriving in reads of r bytes costs about n*n/2r bytes of searching (a 1 MiB chunk in 4 KiB reads, 128 MiB);
/// with a scan each byte is searched about once, plus at most an end-line's length per call. A connection loop keeps
/// one scan per connection.
/// </remarks>
public sealed class MsrpParser
{
    private const byte CR = (byte)'\r';
    private const byte LF = (byte)'\n';
    private const byte SP = (byte)' ';
    private const byte HT = (byte)'\t';

    // "\r\n" + "-------" + transact-id: the start of the end-line with the CRLF before it (RFC 4975 section 7.1).
    private const int MaxMarkerLength = 2 + 7 + 32;

    public MsrpParser(MsrpParserLimits? limits = null)
    {
        Limits = limits ?? MsrpParserLimits.Default;
        Limits.Validate();
    }

    public MsrpParserLimits Limits { get; }

    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private static ReadOnlySpan<byte> CrlfCrlf => "\r\n\r\n"u8;

    private static ReadOnlySpan<byte> MsrpSp => "MSRP "u8;

    /// <summary>
    /// Reads the frame at the front of <paramref name="reader"/>. Returns false, consuming nothing, until a whole frame
    /// is buffered; returns true having consumed exactly that frame. Throws <see cref="MsrpParseException"/> (consuming
    /// nothing) when the bytes cannot be a valid frame or exceed a limit; the exception says whether the frame can be
    /// answered and skipped or the connection must close. Searches an unfinished body from its start on every call; a
    /// connection loop uses the overload with an <see cref="MsrpFrameScan"/>.
    /// </summary>
    public bool TryReadFrame(ref SequenceReader<byte> reader, [NotNullWhen(true)] out MsrpMessage? message)
    {
        var scan = default(MsrpFrameScan);
        return TryReadFrame(ref reader, ref scan, out message);
    }

    /// <summary>
    /// <see cref="TryReadFrame(ref SequenceReader{byte}, out MsrpMessage?)"/>, resuming the end-line search where the last
    /// call over the same buffer stopped: <paramref name="scan"/> records how far it got while the frame is unfinished, and
    /// is started afresh when a frame is returned or an exception thrown. The decision is the same as without a scan.
    /// </summary>
    public bool TryReadFrame(ref SequenceReader<byte> reader, ref MsrpFrameScan scan, [NotNullWhen(true)] out MsrpMessage? message)
    {
        message = null;
        if (reader.End)
        {
            scan.Reset();
            return false;
        }

        var remaining = reader.Remaining;
        scan.CheckBuffer(remaining);

        // Once the empty line is known the header section is whole, and the window need not reach past it.
        var windowLimit = scan.Blank >= 0 ? scan.Blank + 4L : Limits.MaxHeadSize + 2L;
        var windowLength = (int)Math.Min(remaining, windowLimit);
        var first = reader.UnreadSpan;
        try
        {
            if (first.Length >= windowLength)
            {
                // Fast path: the start line and the header section, as far as the limit allows, are in the first span.
                return TryReadFrame(ref reader, first[..windowLength], ref scan, out message);
            }

            var rented = ArrayPool<byte>.Shared.Rent(windowLength);
            try
            {
                reader.UnreadSequence.Slice(0, windowLength).CopyTo(rented);
                return TryReadFrame(ref reader, rented.AsSpan(0, windowLength), ref scan, out message);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        catch (MsrpParseException)
        {
            scan.Reset();
            throw;
        }
    }

    /// <summary>Parses bytes that must hold exactly one frame (a file, a test vector).</summary>
    public MsrpMessage Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes.ToArray()));
        if (!TryReadFrame(ref reader, out var message))
        {
            throw new MsrpParseException(400, "Incomplete frame");
        }

        return reader.End ? message : throw new MsrpParseException(400, "Bytes after the end-line");
    }

    /// <summary>
    /// <paramref name="window"/> is the first min(buffered, limit + 2) bytes: enough to hold any acceptable start line
    /// and header section with the empty line after it.
    /// </summary>
    private bool TryReadFrame(ref SequenceReader<byte> reader, ReadOnlySpan<byte> window, ref MsrpFrameScan scan, [NotNullWhen(true)] out MsrpMessage? message)
    {
        message = null;
        var remaining = reader.Remaining;
        if (!TryReadStartLine(window, remaining, out var start))
        {
            return false;
        }

        Span<byte> marker = stackalloc byte[MaxMarkerLength];
        "\r\n-------"u8.CopyTo(marker);
        window.Slice(StartLine.TransactionIdStart, start.TransactionIdLength).CopyTo(marker[9..]);
        marker = marker[..(9 + start.TransactionIdLength)];
        var endLineLength = marker.Length + 3; // the marker, the flag and CRLF

        // The end-line's CRLF may be the start line's own (a frame without headers, refused below but framed). The search
        // resumes where the scan says every earlier position was ruled out.
        var first = reader.UnreadSpan;
        var from = Math.Max(start.Length, scan.Position);
        long resume;
        var end = first.Length == remaining
            ? FindEndLine(first, (int)from, marker, out resume)
            : FindEndLine(reader, from, marker, out resume);
        var blank = scan.Blank >= 0 ? scan.Blank : window[start.Length..].IndexOf(CrlfCrlf) is var b and >= 0 ? start.Length + b : -1;
        if (end < 0)
        {
            CheckUnfinishedFrame(window, start, blank, remaining, endLineLength);
            scan.Searched(from, remaining, resume);
            scan.FoundBlank(blank);
            return false;
        }

        scan.Reset();

        // RFC 4975 section 9: an empty line before the end-line starts a body; the CRLF before the end-line is not part
        // of it. "\r\n\r\n-------" is read leniently as an empty body.
        var hasBody = blank >= 0 && blank < end;
        var headLength = hasBody ? blank + 2 : end + 2;
        if (headLength > Limits.MaxHeadSize)
        {
            MsrpParseError.Limit(400, "Header section exceeds the size limit", window[..Limits.MaxHeadSize], start);
        }

        var bodyStart = hasBody ? Math.Min(blank + 4, end) : end;
        var bodyLength = end - bodyStart;
        if (bodyLength > Limits.MaxBodySize)
        {
            MsrpParseError.Limit(413, "Body exceeds the size limit", window[..(int)headLength], start);
        }

        var frameLength = end + endLineLength;
        var owned = new byte[frameLength];
        if (first.Length >= frameLength)
        {
            first[..(int)frameLength].CopyTo(owned);
        }
        else
        {
            reader.UnreadSequence.Slice(0, frameLength).CopyTo(owned);
        }

        message = Build(owned, start, (int)headLength, hasBody, (int)bodyStart, (int)bodyLength, (int)end + marker.Length);
        reader.Advance(frameLength);
        return true;
    }

    /// <summary>
    /// No end-line yet: refuses now when what is buffered already proves the frame over a limit. The thresholds are
    /// exact, so a frame within the limits is never refused early and one over them is refused with the same error
    /// however it arrives.
    /// </summary>
    private void CheckUnfinishedFrame(ReadOnlySpan<byte> window, in StartLine start, long blank, long remaining, int endLineLength)
    {
        if (blank >= 0)
        {
            // The head is whole; a body within the limit would have shown its end-line by now.
            if (remaining >= blank + 4 + Limits.MaxBodySize + endLineLength)
            {
                MsrpParseError.Limit(413, "Body exceeds the size limit", window[..(int)(blank + 2)], start);
            }
        }
        else if (remaining >= (long)Limits.MaxHeadSize + endLineLength)
        {
            // A head within the limit would have shown its empty line, or its end-line when it has no body.
            MsrpParseError.Limit(400, "Header section exceeds the size limit", window[..Limits.MaxHeadSize], start);
        }
    }

    /// <summary>
    /// Reads the start line, refusing it as soon as a byte is wrong; false when its CRLF is not buffered yet.
    /// The scan of an unfinished line stops before a CR that may be the first half of the CRLF, and a line is only
    /// called too long once it is known to be, so the error does not depend on where the bytes were cut.
    /// </summary>
    private bool TryReadStartLine(ReadOnlySpan<byte> window, long remaining, out StartLine start)
    {
        var max = Limits.MaxHeadSize;
        var crlf = window.IndexOf(Crlf);
        var complete = crlf >= 0 && crlf + 2 <= max;
        int lineEnd;
        if (crlf >= 0)
        {
            lineEnd = crlf;
        }
        else if (window.Length == remaining && window[^1] == CR)
        {
            lineEnd = window.Length - 1;
        }
        else
        {
            lineEnd = window.Length;
        }

        start = ScanStartLine(window[..Math.Min(lineEnd, max)], complete);
        if (complete)
        {
            return true;
        }

        if (crlf >= 0 || lineEnd >= max)
        {
            if (start.TransactionIdLength > 0)
            {
                MsrpParseError.StartLine(window.Slice(StartLine.TransactionIdStart, start.TransactionIdLength), "Start line exceeds the size limit");
            }

            MsrpParseError.StartLine("Start line exceeds the size limit");
        }

        return false;
    }

    /// <summary>
    /// req-start = "MSRP" SP transact-id SP method CRLF; resp-start = "MSRP" SP transact-id SP status-code [SP comment]
    /// CRLF (RFC 4975 section 9). Scans left to right and throws at the first byte that cannot be part of a start
    /// line; when <paramref name="complete"/> is false the line may go on, and what is read so far is returned.
    /// </summary>
    private static StartLine ScanStartLine(ReadOnlySpan<byte> line, bool complete)
    {
        var n = Math.Min(line.Length, MsrpSp.Length);
        if (!line[..n].SequenceEqual(MsrpSp[..n]))
        {
            MsrpParseError.StartLine("Not an MSRP start line");
        }

        if (line.Length <= MsrpSp.Length)
        {
            if (complete)
            {
                MsrpParseError.StartLine(line.Length < MsrpSp.Length ? "Not an MSRP start line" : "Malformed transaction id");
            }

            return default;
        }

        // transact-id = ident = ALPHANUM 3*31ident-char
        const int TidStart = StartLine.TransactionIdStart;
        var i = TidStart;
        while (i < line.Length && line[i] != SP)
        {
            if (i - TidStart == 32 || !(i == TidStart ? MsrpCharacters.IsAlphaNum(line[i]) : MsrpCharacters.IsIdentChar(line[i])))
            {
                MsrpParseError.StartLine("Malformed transaction id");
            }

            i++;
        }

        if (i == line.Length)
        {
            if (complete)
            {
                MsrpParseError.StartLine("Malformed start line: no method or status code");
            }

            return default;
        }

        var tidLength = i - TidStart;
        if (tidLength < 4)
        {
            MsrpParseError.StartLine("Malformed transaction id");
        }

        var tid = line.Slice(TidStart, tidLength);
        var k = i + 1;
        if (k == line.Length)
        {
            if (complete)
            {
                MsrpParseError.StartLine(tid, "Malformed start line: no method or status code");
            }

            return Partial(tidLength);
        }

        if (MsrpCharacters.IsDigit(line[k]))
        {
            return ScanStatus(line, tid, k, complete);
        }

        if (!MsrpCharacters.IsUpperAlpha(line[k]))
        {
            MsrpParseError.StartLine(tid, "Malformed start line: no method or status code");
        }

        // method = 1*UPALPHA
        for (var j = k + 1; j < line.Length; j++)
        {
            if (!MsrpCharacters.IsUpperAlpha(line[j]))
            {
                MsrpParseError.StartLine(tid, "Malformed method");
            }
        }

        return complete ? new StartLine(line.Length, tidLength, true, k, line.Length - k, 0, -1, 0) : Partial(tidLength);
    }

    private static StartLine ScanStatus(ReadOnlySpan<byte> line, ReadOnlySpan<byte> tid, int k, bool complete)
    {
        // status-code = 3DIGIT
        var j = k;
        while (j < line.Length && j < k + 3)
        {
            if (!MsrpCharacters.IsDigit(line[j]))
            {
                MsrpParseError.StartLine(tid, "Malformed status code");
            }

            j++;
        }

        if (j < k + 3)
        {
            if (complete)
            {
                MsrpParseError.StartLine(tid, "Malformed status code");
            }

            return Partial(tid.Length);
        }

        var commentStart = -1;
        if (j < line.Length)
        {
            if (line[j] != SP)
            {
                MsrpParseError.StartLine(tid, "Malformed status code");
            }

            // comment = utf8text
            commentStart = j + 1;
            var comment = line[commentStart..];
            if (!MsrpCharacters.IsTextBytes(comment) || (complete && !Utf8.IsValid(comment)))
            {
                MsrpParseError.StartLine(tid, "Malformed comment");
            }
        }

        if (!complete)
        {
            return Partial(tid.Length);
        }

        var status = ((line[k] - '0') * 100) + ((line[k + 1] - '0') * 10) + (line[k + 2] - '0');
        return new StartLine(line.Length, tid.Length, false, 0, 0, status, commentStart, commentStart < 0 ? 0 : line.Length - commentStart);
    }

    private static StartLine Partial(int transactionIdLength) => new(0, transactionIdLength, false, 0, 0, 0, -1, 0);

    /// <summary>
    /// The offset of the first <c>CRLF -------transact-id flag CRLF</c> at or after <paramref name="from"/>; -1 when none is
    /// buffered whole. When a candidate's flag and CRLF are not all buffered, no later candidate can be whole either.
    /// <paramref name="resume"/> is where a search over more of the same bytes may start: no end-line starts before it.
    /// </summary>
    private static long FindEndLine(ReadOnlySpan<byte> data, int from, ReadOnlySpan<byte> marker, out long resume)
    {
        var pos = from;
        while (true)
        {
            var found = data[pos..].IndexOf(marker);
            if (found < 0)
            {
                // No marker starts where a whole one would fit; one may start in the last marker.Length - 1 bytes.
                resume = Math.Max(pos, data.Length - marker.Length + 1);
                return -1;
            }

            var at = pos + found;
            var flag = at + marker.Length;
            if (flag + 2 >= data.Length)
            {
                resume = at;
                return -1;
            }

            if (IsFlag(data[flag]) && data[flag + 1] == CR && data[flag + 2] == LF)
            {
                resume = at;
                return at;
            }

            pos = at + 1;
        }
    }

    /// <summary><see cref="FindEndLine(ReadOnlySpan{byte}, int, ReadOnlySpan{byte}, out long)"/> across segments.</summary>
    private static long FindEndLine(SequenceReader<byte> reader, long from, ReadOnlySpan<byte> marker, out long resume)
    {
        var origin = reader.Consumed;
        reader.Advance(from);
        while (reader.TryAdvanceTo(marker[0], advancePastDelimiter: false))
        {
            var at = reader.Consumed - origin;
            if (reader.Remaining < marker.Length)
            {
                // A marker starting here or later would not be buffered whole.
                resume = at;
                return -1;
            }

            if (reader.IsNext(marker, advancePast: true))
            {
                if (!reader.TryPeek(2, out var lf))
                {
                    resume = at;
                    return -1;
                }

                reader.TryPeek(0, out var flag);
                reader.TryPeek(1, out var cr);
                if (IsFlag(flag) && cr == CR && lf == LF)
                {
                    resume = at;
                    return at;
                }

                reader.Rewind(marker.Length);
            }

            reader.Advance(1);
        }

        // No CR from here to the end: no end-line starts before the end. (A failed TryAdvanceTo does not move the reader.)
        resume = reader.Consumed - origin + reader.Remaining;
        return -1;
    }

    private static bool IsFlag(byte b) => b is (byte)'$' or (byte)'+' or (byte)'#';

    /// <summary>Reads the header lines of a whole frame and builds the message; a wrong frame is refused with its length.</summary>
    private MsrpMessage Build(byte[] owned, in StartLine start, int headLength, bool hasBody, int bodyStart, int bodyLength, int flagAt)
    {
        var head = owned.AsSpan(0, headLength);
        var frameLength = owned.Length;
        var tid = Encoding.ASCII.GetString(owned, StartLine.TransactionIdStart, start.TransactionIdLength);
        MsrpUri[]? toPath = null;
        MsrpUri[]? fromPath = null;
        var rows = new List<MsrpHeader>();
        var count = 0;
        var pos = start.Length + 2;
        while (pos < headLength)
        {
            // The head ends with CRLF, so every line has one.
            var lineEnd = pos + head[pos..].IndexOf(Crlf);
            if (++count > Limits.MaxHeaderCount)
            {
                MsrpParseError.Frame("Too many header fields", head, start, frameLength);
            }

            // header = hname ":" SP hval; hname = ALPHA *token. Blanks after the colon are read leniently (any number).
            var nameStart = pos;
            if (!char.IsAsciiLetter((char)head[pos]))
            {
                MsrpParseError.Frame("Malformed header field name", head, start, frameLength);
            }

            while (pos < lineEnd && MsrpCharacters.IsTokenChar(head[pos]))
            {
                pos++;
            }

            var name = head[nameStart..pos];
            while (pos < lineEnd && head[pos] is SP or HT)
            {
                pos++;
            }

            if (pos == lineEnd || head[pos] != (byte)':')
            {
                MsrpParseError.Frame("Malformed header field: no colon after the name", head, start, frameLength);
            }

            pos++;
            while (pos < lineEnd && head[pos] is SP or HT)
            {
                pos++;
            }

            var valueEnd = lineEnd;
            while (valueEnd > pos && head[valueEnd - 1] is SP or HT)
            {
                valueEnd--;
            }

            var value = head[pos..valueEnd];
            if (!MsrpCharacters.IsTextBytes(value) || !Utf8.IsValid(value))
            {
                MsrpParseError.Frame("Malformed header field value", head, start, frameLength);
            }

            var known = MsrpHeaderNames.Canonical(name);
            if (count == 1 || count == 2)
            {
                // RFC 4975 section 9: To-Path is the first header and From-Path the second.
                var expected = count == 1 ? MsrpHeaderNames.ToPath : MsrpHeaderNames.FromPath;
                if (known != expected)
                {
                    MsrpParseError.Frame(count == 1 ? "To-Path must be the first header" : "From-Path must be the second header", head, start, frameLength);
                }

                if (!MsrpHeaderValues.TryParseUriList(Encoding.UTF8.GetString(value), out var path))
                {
                    MsrpParseError.Frame($"Malformed {expected}", head, start, frameLength);
                }

                (count == 1 ? ref toPath : ref fromPath) = path;
            }
            else
            {
                AddHeader(rows, known ?? Encoding.ASCII.GetString(name), owned.AsMemory(pos, valueEnd - pos), head, start, frameLength);
            }

            pos = lineEnd + 2;
        }

        if (toPath is null || fromPath is null)
        {
            MsrpParseError.Frame(toPath is null ? "To-Path must be the first header" : "From-Path must be the second header", head, start, frameLength);
        }

        var headers = new MsrpHeaderCollection(rows);
        if (start.IsRequest)
        {
            var method = MsrpMethod.FromBytes(head.Slice(start.MethodStart, start.MethodLength));
            var continuation = (MsrpContinuation)owned[flagAt];
            return new MsrpRequest(tid, method, toPath, fromPath, headers, owned.AsMemory(bodyStart, bodyLength), continuation);
        }

        // RFC 4975 section 9: msrp-response = resp-start headers end-line; section 7.2: it ends with "$".
        if (hasBody)
        {
            MsrpParseError.Frame("A response has no body", head, start, frameLength);
        }

        if (owned[flagAt] != (byte)'$')
        {
            MsrpParseError.Frame("A response ends with $", head, start, frameLength);
        }

        var comment = start.CommentStart < 0 ? null : Encoding.UTF8.GetString(owned, start.CommentStart, start.CommentLength);
        return new MsrpResponse(tid, start.StatusCode, comment, toPath, fromPath, headers);
    }

    private static void AddHeader(List<MsrpHeader> rows, string name, ReadOnlyMemory<byte> value, ReadOnlySpan<byte> head, in StartLine start, long frameLength)
    {
        if (name is MsrpHeaderNames.ToPath or MsrpHeaderNames.FromPath)
        {
            MsrpParseError.Frame($"{name} appears once", head, start, frameLength);
        }

        if (MsrpHeaderNames.Canonical(name) is not null)
        {
            if (MsrpHeaderValues.Check(name, Encoding.UTF8.GetString(value.Span)) is { } problem)
            {
                MsrpParseError.Frame(problem, head, start, frameLength);
            }

            if (!MsrpHeaderValues.IsRepeatable(name) && rows.Exists(r => r.Name == name))
            {
                MsrpParseError.Frame($"{name} appears once", head, start, frameLength);
            }
        }

        rows.Add(new MsrpHeader(name, value));
    }
}
