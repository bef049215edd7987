using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace SimpleActors.Presence.Rls;

/// <summary>
/// Reads multipart/related bodies (RFC 2046 section 5.1.1, RFC 2387). A delimiter is CRLF, <c>--</c> and the boundary
/// (the first may open the body without the CRLF), then optional transport padding (spaces and tabs) and CRLF, or
/// <c>--</c> for the close delimiter; text before the first delimiter is the preamble and after the close delimiter the
/// epilogue, both ignored. A line starting with <c>--boundary</c> followed by anything else is refused, not taken as
/// content: the boundary must not occur in a part.
/// </summary>
internal static class MultipartReader
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    public static MultipartRelatedBody Read(ReadOnlySpan<byte> body, string contentType, MultipartLimits limits, int depth)
    {
        if (depth > limits.MaxDepth)
        {
            Fail("multipart: nested too deep");
        }

        if (body.Length > limits.MaxBodyBytes)
        {
            Fail("multipart: body too large");
        }

        if (!ContentTypeValue.TryParse(contentType, out var value) || !value.IsMultipartRelated)
        {
            Fail("multipart: Content-Type is not multipart/related");
        }

        // RFC 2046 section 5.1.1: boundary := 0*69<bchars> bcharsnospace.
        var boundaryText = value["boundary"];
        if (boundaryText is null || boundaryText.Length is 0 or > 70 || boundaryText.EndsWith(' ') || !boundaryText.All(IsBchar))
        {
            Fail("multipart: missing or bad boundary");
        }

        // RFC 2387 section 3.1: type is required, and is the root's media type.
        var type = value["type"] is { } t ? ContentTypeValue.MediaTypeOf(t) : null;
        if (type is null)
        {
            Fail("multipart: missing or bad type parameter");
        }

        var parts = ReadParts(body, Encoding.ASCII.GetBytes("--" + boundaryText), limits, depth);
        string start;
        if (value["start"] is { } startValue)
        {
            start = ContentId(startValue) ?? Fail<string>("multipart: bad start parameter");
            if (!parts.Any(p => p.ContentId == start))
            {
                Fail("multipart: no part is the start part");
            }
        }
        else
        {
            start = parts[0].ContentId;
        }

        var root = parts.First(p => p.ContentId == start);
        if (ContentTypeValue.MediaTypeOf(root.ContentType) != type)
        {
            Fail("multipart: the root part's type is not the type parameter");
        }

        return new MultipartRelatedBody(type, start, parts);
    }

    private static List<MimePart> ReadParts(ReadOnlySpan<byte> body, byte[] dashBoundary, MultipartLimits limits, int depth)
    {
        // The first delimiter: at the very start, or after a CRLF that ends the preamble.
        int at;
        if (body.StartsWith(dashBoundary))
        {
            at = dashBoundary.Length;
        }
        else
        {
            var first = IndexOfDelimiter(body, dashBoundary);
            at = first < 0 ? Fail<int>("multipart: no boundary delimiter") : first + 2 + dashBoundary.Length;
        }

        var parts = new List<MimePart>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            if (body[at..].StartsWith("--"u8))
            {
                // The close delimiter; what follows is the epilogue.
                return parts.Count > 0 ? parts : Fail<List<MimePart>>("multipart: no parts");
            }

            at = SkipPaddingAndCrlf(body, at);
            var rest = body[at..];
            var end = IndexOfDelimiter(rest, dashBoundary);
            if (end < 0)
            {
                Fail("multipart: no close delimiter");
            }

            if (parts.Count == limits.MaxParts)
            {
                Fail("multipart: too many parts");
            }

            var part = ReadPart(rest[..end], limits, depth);
            if (!ids.Add(part.ContentId))
            {
                Fail("multipart: duplicate Content-ID");
            }

            parts.Add(part);
            at += end + 2 + dashBoundary.Length;
        }
    }

    /// <summary>Where CRLF <c>--boundary</c> starts in <paramref name="span"/>, or -1.</summary>
    private static int IndexOfDelimiter(ReadOnlySpan<byte> span, byte[] dashBoundary)
    {
        var offset = 0;
        while (true)
        {
            var found = span[offset..].IndexOf(dashBoundary);
            if (found < 0)
            {
                return -1;
            }

            var position = offset + found;
            if (position >= 2 && span[position - 2] == '\r' && span[position - 1] == '\n')
            {
                return position - 2;
            }

            offset = position + 1;
        }
    }

    /// <summary>After the boundary of a delimiter: transport padding, then CRLF.</summary>
    private static int SkipPaddingAndCrlf(ReadOnlySpan<byte> body, int at)
    {
        while (at < body.Length && body[at] is (byte)' ' or (byte)'\t')
        {
            at++;
        }

        return body[at..].StartsWith(Crlf) ? at + 2 : Fail<int>("multipart: boundary followed by other text");
    }

    private static MimePart ReadPart(ReadOnlySpan<byte> part, MultipartLimits limits, int depth)
    {
        // RFC 2046 section 5.1.1: body-part := MIME-part-headers [CRLF *OCTET]; no headers: the part starts with CRLF.
        int headerEnd;
        int bodyStart;
        if (part.StartsWith(Crlf))
        {
            headerEnd = 0;
            bodyStart = 2;
        }
        else
        {
            var blank = part.IndexOf("\r\n\r\n"u8);
            if (blank < 0)
            {
                return Fail<MimePart>("multipart: part headers not ended by an empty line");
            }

            headerEnd = blank + 2;
            bodyStart = blank + 4;
        }

        if (headerEnd > limits.MaxHeaderBytes)
        {
            Fail("multipart: part headers too large");
        }

        string? id = null;
        string? type = null;
        string? encoding = null;
        foreach (var (name, value) in Headers(part[..headerEnd]))
        {
            if (name.Equals("Content-ID", StringComparison.OrdinalIgnoreCase))
            {
                id = id is null ? ContentId(value) ?? Fail<string>("multipart: bad Content-ID") : Fail<string>("multipart: two Content-IDs");
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                type = type is null ? value : Fail<string>("multipart: two Content-Types");
            }
            else if (name.Equals("Content-Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                encoding = encoding is null ? value : Fail<string>("multipart: two Content-Transfer-Encodings");
            }
        }

        // RFC 4662 section 5: every part of a list notification has a Content-ID (the RLMI cid refers to it).
        if (id is null)
        {
            Fail("multipart: part without Content-ID");
        }

        // RFC 2045 section 5.2: no Content-Type means text/plain.
        type ??= "text/plain";
        if (!ContentTypeValue.TryParse(type, out var parsedType))
        {
            Fail("multipart: bad Content-Type");
        }

        // Only identity encodings (RFC 2045 section 6.1); RFC 4662 bodies are binary.
        if (encoding is not null && !encoding.Equals("binary", StringComparison.OrdinalIgnoreCase)
            && !encoding.Equals("8bit", StringComparison.OrdinalIgnoreCase) && !encoding.Equals("7bit", StringComparison.OrdinalIgnoreCase))
        {
            Fail("multipart: unsupported Content-Transfer-Encoding");
        }

        var body = part[bodyStart..];
        if (parsedType.IsMultipartRelated)
        {
            Read(body, type, limits, depth + 1);
        }

        return new MimePart(id, type, body.ToArray());
    }

    /// <summary>The header lines (RFC 5322 section 2.2): unfolded, name and trimmed value; printable ASCII and tabs only.</summary>
    private static List<(string Name, string Value)> Headers(ReadOnlySpan<byte> section)
    {
        foreach (var b in section)
        {
            if (b is > 0x7E or < 0x20 and not ((byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                Fail("multipart: part headers not printable ASCII");
            }
        }

        var lines = new List<string>();
        foreach (var line in Encoding.ASCII.GetString(section).Split("\r\n"))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Contains('\r', StringComparison.Ordinal) || line.Contains('\n', StringComparison.Ordinal))
            {
                Fail("multipart: bare CR or LF in part headers");
            }

            if (line[0] is ' ' or '\t')
            {
                if (lines.Count == 0)
                {
                    Fail("multipart: continuation line without a header");
                }

                lines[^1] += line;
            }
            else
            {
                lines.Add(line);
            }
        }

        var headers = new List<(string, string)>(lines.Count);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? line[..colon].TrimEnd(' ', '\t') : string.Empty;
            if (name.Length == 0 || name.Any(static c => c is ' ' or '\t'))
            {
                Fail("multipart: malformed part header");
            }

            headers.Add((name, line[(colon + 1)..].Trim(' ', '\t')));
        }

        return headers;
    }

    /// <summary><c>&lt;id&gt;</c> to <c>id</c>; null when not in angle brackets or not what <see cref="MultipartRelated.IsContentId"/> allows.</summary>
    private static string? ContentId(string value)
    {
        var trimmed = value.Trim(' ', '\t');
        if (trimmed.Length < 3 || trimmed[0] != '<' || trimmed[^1] != '>')
        {
            return null;
        }

        var id = trimmed[1..^1];
        return MultipartRelated.IsContentId(id) ? id : null;
    }

    // RFC 2046 section 5.1.1: bchars := bcharsnospace / " ".
    private static bool IsBchar(char c) => char.IsAsciiLetterOrDigit(c) || "'()+_,-./:=? ".Contains(c, StringComparison.Ordinal);

    [DoesNotReturn]
    private static void Fail(string reason) => PresenceDocumentError.Throw(reason);

    [DoesNotReturn]
    private static T Fail<T>(string reason) => PresenceDocumentError.Throw<T>(reason);
}
