using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Parsing;

/// <summary>
/// Answering a request the parser refused. A response needs the request's Via, From, To, Call-ID and
/// CSeq (RFC 3261 section 8.2.6.2); when the head is complete and starts with a request line those rows
/// are copied verbatim from the raw bytes, so even a message that does not parse gets its 4xx/5xx.
/// Responses are never answered (RFC 3261 section 8.1.3.3: a malformed response is discarded).
/// </summary>
public static class MalformedRequest
{
    private static readonly byte[] CrlfCrlf = "\r\n\r\n"u8.ToArray();

    /// <summary>The error response for the bytes of a refused message, or null when none can be addressed.</summary>
    public static SipResponse? TryCreateResponse(ReadOnlySpan<byte> bytes, SipParseException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var end = bytes.IndexOf(CrlfCrlf);
        if (end < 0)
        {
            end = Math.Min(bytes.Length, 16 * 1024);
        }

        var text = Encoding.UTF8.GetString(bytes[..end]);
        var lines = text.Split("\r\n");
        if (lines.Length == 0 || lines[0].StartsWith("SIP/", StringComparison.OrdinalIgnoreCase) || !lines[0].Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        var headers = new HeaderCollection();
        var seen = new HashSet<KnownHeader>();
        foreach (var line in Unfold(lines.Skip(1)))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var id = HeaderNames.Lookup(line.AsSpan(0, colon).Trim());
            if (id is KnownHeader.Via or KnownHeader.From or KnownHeader.To or KnownHeader.CallId or KnownHeader.CSeq
                && (id == KnownHeader.Via || seen.Add(id)))
            {
                headers.Add(HeaderField.Create(id, line[(colon + 1)..].Trim()));
                seen.Add(id);
            }
        }

        if (!seen.Contains(KnownHeader.Via) || !seen.Contains(KnownHeader.CallId) || !seen.Contains(KnownHeader.CSeq)
            || !seen.Contains(KnownHeader.From) || !seen.Contains(KnownHeader.To))
        {
            return null;
        }

        return new SipResponse(error.StatusCode, error.Reason, headers);
    }

    private static IEnumerable<string> Unfold(IEnumerable<string> lines)
    {
        string? current = null;
        foreach (var line in lines)
        {
            if (line.Length > 0 && line[0] is ' ' or '\t' && current is not null)
            {
                current += " " + line.Trim();
                continue;
            }

            if (current is not null)
            {
                yield return current;
            }

            current = line;
        }

        if (current is not null)
        {
            yield return current;
        }
    }
}
