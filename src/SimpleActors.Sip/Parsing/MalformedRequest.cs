using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Parsing;

/// <summary>
/// Answering a request the server refuses, the parser or the pre-routing checks. A response needs the request's
/// Via, From, To, Call-ID and CSeq (RFC 3261 section 8.2.6.2); those rows are copied verbatim, never read as
/// typed values, so the answer is built only from what is known good: the raw rows, even of a message that
/// does not parse, or of one whose header failed its check. When one of the five is missing the request cannot
/// be answered (the caller drops it and counts it, RFC 3261 section 18.2.1). Responses are never answered
/// (RFC 3261 section 8.1.3.3: a malformed response is discarded).
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

        var rows = new List<HeaderField>();
        foreach (var line in Unfold(lines.Skip(1)))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var id = colon > 0 ? HeaderNames.Lookup(line.AsSpan(0, colon).Trim()) : KnownHeader.Unknown;
            if (IsAddressing(id))
            {
                rows.Add(HeaderField.Create(id, line[(colon + 1)..].Trim()));
            }
        }

        return FromRows(rows, error);
    }

    /// <summary>
    /// The error response for a request that parsed but cannot be acted on (<see cref="SipMessageValidator"/> refused
    /// it), from its raw rows; null when none can be addressed.
    /// </summary>
    public static SipResponse? TryCreateResponse(SipRequest request, SipParseException error)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(error);
        return FromRows(request.Headers, error);
    }

    // RFC 3261 section 8.2.6.2: every Via row in order, and the first From, To, Call-ID and CSeq, as they came.
    private static SipResponse? FromRows(IEnumerable<HeaderField> rows, SipParseException error)
    {
        var headers = new HeaderCollection();
        var seen = new HashSet<KnownHeader>();
        foreach (var row in rows)
        {
            if (IsAddressing(row.Id) && (row.Id == KnownHeader.Via || seen.Add(row.Id)))
            {
                headers.Add(row);
                seen.Add(row.Id);
            }
        }

        return seen.Count == 5 ? new SipResponse(error.StatusCode, error.Reason, headers) : null;
    }

    private static bool IsAddressing(KnownHeader id) =>
        id is KnownHeader.Via or KnownHeader.From or KnownHeader.To or KnownHeader.CallId or KnownHeader.CSeq;

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
