using System.Text;

namespace SimpleActors.Xcap;

/// <summary>Percent-encoding of URI components (RFC 3986 section 2.1), UTF-8 underneath.</summary>
internal static class PercentEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes every <c>%XX</c>; false when an escape is broken or the bytes are not UTF-8.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out string decoded)
    {
        if (!text.Contains('%'))
        {
            decoded = text.ToString();
            return true;
        }

        var bytes = new List<byte>(text.Length);
        Span<byte> one = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !IsHex(text[i + 1]) || !IsHex(text[i + 2]))
                {
                    decoded = string.Empty;
                    return false;
                }

                bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                var width = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
                try
                {
                    var count = StrictUtf8.GetBytes(text.Slice(i, width), one);
                    for (var b = 0; b < count; b++)
                    {
                        bytes.Add(one[b]);
                    }
                }
                catch (EncoderFallbackException)
                {
                    decoded = string.Empty;
                    return false;
                }

                i += width - 1;
            }
        }

        try
        {
            decoded = StrictUtf8.GetString(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            decoded = string.Empty;
            return false;
        }
    }

    /// <summary>
    /// Encodes everything but the RFC 3986 <c>pchar</c> characters (unreserved, sub-delims, <c>:</c>, <c>@</c>) and the
    /// characters in <paramref name="alsoAllowed"/>.
    /// </summary>
    public static string Encode(string text, string alsoAllowed = "")
    {
        var builder = new StringBuilder(text.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsPchar(c) || (c < 0x80 && alsoAllowed.Contains(c, StringComparison.Ordinal)))
            {
                builder.Append(c);
                continue;
            }

            var width = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var count = Encoding.UTF8.GetBytes(text.AsSpan(i, width), utf8);
            for (var b = 0; b < count; b++)
            {
                builder.Append('%').Append("0123456789ABCDEF"[utf8[b] >> 4]).Append("0123456789ABCDEF"[utf8[b] & 0xF]);
            }

            i += width - 1;
        }

        return builder.ToString();
    }

    private static bool IsPchar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+'
            or ',' or ';' or '=' or ':' or '@';

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
