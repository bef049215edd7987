using System.Buffers;

namespace SimpleActors.Msrp.Parsing;

/// <summary>Character classes of the MSRP grammar (RFC 4975 section 9) and of the URI parts it borrows (RFC 3986).</summary>
internal static class MsrpCharacters
{
    // ident-char = ALPHANUM / "." / "-" / "+" / "%" / "="
    private static readonly SearchValues<byte> IdentBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-+%="u8);

    private static readonly SearchValues<char> IdentChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-+%=");

    // token = 1*(%x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E)
    private static readonly SearchValues<byte> TokenBytes =
        SearchValues.Create("!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~");

    // utf8text = *(HTAB / %x20-7E / UTF8-NONASCII): every control but HTAB, and DEL, are out.
    private static readonly SearchValues<byte> NotTextBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    // RFC 3986 section 2.3: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
    private static readonly SearchValues<char> UnreservedChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~");

    // RFC 4975 section 9: session-id = 1*( unreserved / "+" / "=" / "/" )
    private static readonly SearchValues<char> SessionIdChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+=/");

    // RFC 3986 section 3.2.1: userinfo = *( unreserved / pct-encoded / sub-delims / ":" )
    private static readonly SearchValues<char> UserInfoChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%!$&'()*+,;=:");

    // RFC 3986 section 3.2.2: reg-name = *( unreserved / pct-encoded / sub-delims ), without ";" which ends the
    // authority of an MSRP URI that has no session-id (msrps://relay.example.com;tcp).
    private static readonly SearchValues<char> RegNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%!$&'()*+,=");

    public static bool IsAlphaNum(byte b) => char.IsAsciiLetterOrDigit((char)b);

    public static bool IsIdentChar(byte b) => IdentBytes.Contains(b);

    public static bool IsTokenChar(byte b) => TokenBytes.Contains(b);

    public static bool IsUpperAlpha(byte b) => b is >= (byte)'A' and <= (byte)'Z';

    public static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    /// <summary>HTAB, printable ASCII and bytes of UTF-8 sequences; the UTF-8 itself is checked separately.</summary>
    public static bool IsTextBytes(ReadOnlySpan<byte> bytes) => !bytes.ContainsAny(NotTextBytes);

    /// <summary>ident = ALPHANUM 3*31ident-char: a transaction id (RFC 4975 section 9).</summary>
    public static bool IsTransactionId(ReadOnlySpan<char> text)
        => text.Length is >= 4 and <= 32 && char.IsAsciiLetterOrDigit(text[0]) && !text.ContainsAnyExcept(IdentChars);

    /// <summary>
    /// A Message-ID value: ident-chars, read leniently as 1 to 255 of them, since deployed clients use longer ids
    /// (UUIDs) than the 4 to 32 of the ident rule.
    /// </summary>
    public static bool IsMessageId(ReadOnlySpan<char> text)
        => text.Length is >= 1 and <= 255 && !text.ContainsAnyExcept(IdentChars);

    public static bool IsToken(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(TokenChars);

    /// <summary>hname = ALPHA *token (RFC 4975 section 9).</summary>
    public static bool IsHeaderName(ReadOnlySpan<char> text) => !text.IsEmpty && char.IsAsciiLetter(text[0]) && !text.ContainsAnyExcept(TokenChars);

    public static bool IsUpperAlpha(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('A', 'Z');

    public static bool IsAlphaNum(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }

    public static bool IsUnreserved(char c) => UnreservedChars.Contains(c);

    public static bool IsSessionId(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(SessionIdChars);

    public static bool IsUserInfo(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(UserInfoChars) && HasValidEscapes(text);

    public static bool IsRegName(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(RegNameChars) && HasValidEscapes(text);

    /// <summary>utf8text for a value held as a string: no control character but HTAB, no DEL, no lone surrogate.</summary>
    public static bool IsText(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < ' ' && c != '\t') || c == '\x7F')
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    // pct-encoded = "%" HEXDIG HEXDIG
    private static bool HasValidEscapes(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('%'); i >= 0; i = text.IndexOf('%'))
        {
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
            {
                return false;
            }

            text = text[(i + 3)..];
        }

        return true;
    }
}
