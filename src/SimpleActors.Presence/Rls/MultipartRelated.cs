using System.Security.Cryptography;
using System.Text;

namespace SimpleActors.Presence.Rls;

/// <summary>
/// multipart/related bodies (RFC 2387) framed as RFC 2046 section 5.1.1 says, the container of every resource list
/// NOTIFY (RFC 4662 section 5). Written without preamble:
/// <code>
/// --boundary CRLF
/// Content-Transfer-Encoding: binary CRLF
/// Content-ID: &lt;id&gt; CRLF
/// Content-Type: type CRLF
/// CRLF
/// body CRLF
/// --boundary CRLF ... body CRLF
/// --boundary-- CRLF
/// </code>
/// The CRLF after the close delimiter is the (empty) epilogue's line end, which the grammar allows and some user agents
/// expect at the end of a SIP body.
/// </summary>
public static class MultipartRelated
{
    /// <summary>The media type of the bodies this class writes and reads.</summary>
    public const string MediaType = "multipart/related";

    /// <summary>Characters of the random boundaries: letters and digits, all RFC 2046 bchars.</summary>
    private const string BoundaryCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The length of the boundaries drawn (RFC 2046 allows 1 to 70).</summary>
    internal const int BoundaryLength = 32;

    private const int MaxDraws = 16;

    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    /// <summary>
    /// Writes the parts with a random boundary that occurs in no part (drawn again if it does, RFC 2046 section 5.1.1). The
    /// first part is the root: the Content-Type value returned is
    /// <c>multipart/related;type="&lt;root media type&gt;";start="&lt;root cid&gt;";boundary="..."</c> (RFC 2387 section 3).
    /// </summary>
    /// <exception cref="ArgumentException">No parts; a Content-ID that is empty, repeated, or has characters other than printable
    /// ASCII without space, <c>&lt;</c>, <c>&gt;</c> and <c>"</c>; a Content-Type that is not a media type of printable ASCII.</exception>
    public static (byte[] Body, string ContentType) Write(IReadOnlyList<MimePart> parts) => Write(parts, DrawBoundary);

    /// <summary>
    /// <see cref="Write(IReadOnlyList{MimePart})"/> with the parts' Content-IDs written as <paramref name="form"/> says: the
    /// RFC 2392 form, or the bare form liblinphone needs (docs/presence.md, "Resource lists").
    /// </summary>
    public static (byte[] Body, string ContentType) Write(IReadOnlyList<MimePart> parts, ContentIdForm form) => Write(parts, DrawBoundary, form);

    /// <summary><see cref="Write(IReadOnlyList{MimePart})"/> with the boundaries drawn by <paramref name="drawBoundary"/> (tests).</summary>
    internal static (byte[] Body, string ContentType) Write(IReadOnlyList<MimePart> parts, Func<string> drawBoundary, ContentIdForm form = ContentIdForm.Rfc2392)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ThrowIfInvalid(parts);
        var boundary = Boundary(parts, drawBoundary);
        var length = CloseLength(boundary.Length);
        foreach (var part in parts)
        {
            length += PartLength(part, boundary.Length) - (form == ContentIdForm.Bare ? 2 : 0);
        }

        var body = new byte[length];
        var at = 0;
        foreach (var part in parts)
        {
            var contentId = form == ContentIdForm.Bare ? $"Content-Id: {part.ContentId}" : $"Content-ID: <{part.ContentId}>";
            at += Ascii($"--{boundary}\r\nContent-Transfer-Encoding: binary\r\n{contentId}\r\nContent-Type: {part.ContentType}\r\n\r\n", body.AsSpan(at));
            part.Body.Span.CopyTo(body.AsSpan(at));
            at += part.Body.Length;
            Crlf.CopyTo(body.AsSpan(at));
            at += 2;
        }

        at += Ascii($"--{boundary}--\r\n", body.AsSpan(at));
        if (at != length)
        {
            throw new InvalidOperationException("multipart length computed wrong");
        }

        var root = parts[0];
        var type = ContentTypeValue.MediaTypeOf(root.ContentType)!;
        // The boundary last and bare (letters and digits are a token, RFC 2045 section 5.1): liblinphone takes the rest of
        // the header after "boundary=" as the boundary.
        var contentType = $"{MediaType};type={ContentTypeValue.Quote(type)};start={ContentTypeValue.Quote("<" + root.ContentId + ">")};boundary={boundary}";
        return (body, contentType);
    }

    /// <summary>
    /// Reads a multipart/related body whose Content-Type header value is <paramref name="contentType"/>: the boundary,
    /// <c>type</c> and optional <c>start</c> parameters, a preamble and epilogue (ignored), parts with CRLF line ends,
    /// folded headers, Content-ID (required, unique), Content-Type (text/plain when absent) and Content-Transfer-Encoding
    /// binary, 8bit or 7bit; the root part's media type must be <c>type</c>. Parts that are multipart/related themselves are
    /// read the same way (to <see cref="MultipartLimits.MaxDepth"/>) so that a body accepted here is well-formed throughout.
    /// </summary>
    /// <exception cref="PresenceDocumentException">Anything else; its reason starts with "multipart:". Nothing else escapes.</exception>
    public static MultipartRelatedBody Read(ReadOnlySpan<byte> body, string contentType, MultipartLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        limits ??= MultipartLimits.Default;
        limits.ThrowIfInvalid();
        return MultipartReader.Read(body, contentType, limits, 1);
    }

    /// <summary>The bytes a part takes in a body whose boundary has <paramref name="boundaryLength"/> characters.</summary>
    internal static int PartLength(MimePart part, int boundaryLength) =>
        2 + boundaryLength + 2
        + "Content-Transfer-Encoding: binary\r\n".Length
        + "Content-ID: <>\r\n".Length + part.ContentId.Length
        + "Content-Type: \r\n".Length + part.ContentType.Length
        + 2 + part.Body.Length + 2;

    /// <summary>The bytes of the close delimiter and its line end.</summary>
    internal static int CloseLength(int boundaryLength) => 2 + boundaryLength + 4;

    private static string DrawBoundary() => RandomNumberGenerator.GetString(BoundaryCharacters, BoundaryLength);

    private static string Boundary(IReadOnlyList<MimePart> parts, Func<string> drawBoundary)
    {
        for (var draw = 0; draw < MaxDraws; draw++)
        {
            var boundary = drawBoundary();
            if (boundary.Length is < 1 or > 70 || boundary.Any(c => !BoundaryCharacters.Contains(c, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException("a boundary must be 1 to 70 letters and digits");
            }

            if (!OccursIn(parts, boundary))
            {
                return boundary;
            }
        }

        throw new InvalidOperationException("no boundary found that occurs in no part");
    }

    /// <summary>RFC 2046 section 5.1.1: the boundary must not occur in any encapsulated part (its headers included).</summary>
    internal static bool OccursIn(IReadOnlyList<MimePart> parts, string boundary)
    {
        var bytes = Encoding.ASCII.GetBytes(boundary);
        foreach (var part in parts)
        {
            if (part.Body.Span.IndexOf(bytes) >= 0
                || part.ContentId.Contains(boundary, StringComparison.Ordinal)
                || part.ContentType.Contains(boundary, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void ThrowIfInvalid(IReadOnlyList<MimePart> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("A multipart body needs at least one part.", nameof(parts));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
            if (!IsContentId(part.ContentId) || !ids.Add(part.ContentId))
            {
                throw new ArgumentException($"Content-ID \"{part.ContentId}\" is empty, repeated or not printable ASCII without space, <, > and \".", nameof(parts));
            }

            if (part.ContentType.Any(static c => c is (< ' ' and not '\t') or > '~') || part.ContentType.Trim().Length != part.ContentType.Length
                || !ContentTypeValue.TryParse(part.ContentType, out _))
            {
                throw new ArgumentException($"Content-Type \"{part.ContentType}\" is not a media type.", nameof(parts));
            }
        }
    }

    /// <summary>What this class writes between the angle brackets of a Content-ID (RFC 2045 section 7, msg-id without CFWS).</summary>
    internal static bool IsContentId(string id) =>
        id.Length > 0 && !id.Any(static c => c is <= ' ' or > '~' or '<' or '>' or '"');

    private static int Ascii(string text, Span<byte> destination) => Encoding.ASCII.GetBytes(text, destination);
}
