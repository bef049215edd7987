using System.Buffers;
using System.Text;

namespace SimpleActors.Edge.Http;

/// <summary>
/// The extended notation of RFC 8187 section 3.2 that <c>username*</c> uses (RFC 7616 section 3.4.4):
/// <c>ext-value = charset "'" [ language ] "'" value-chars</c>, where value-chars are attr-chars and %-escaped octets.
/// Only the UTF-8 charset is accepted: it is the only one RFC 7616 servers announce (charset=UTF-8).
/// </summary>
internal static class ExtendedValue
{
    // RFC 8187 section 3.2.1: attr-char = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~".
    private static readonly SearchValues<char> AttrChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="value"/>; false for another charset, a bad escape, a character not allowed, or bytes that are not UTF-8.</summary>
    public static bool TryDecode(string value, out string decoded)
    {
        ArgumentNullException.ThrowIfNull(value);
        decoded = string.Empty;
        var firstQuote = value.IndexOf('\'', StringComparison.Ordinal);
        var secondQuote = firstQuote < 0 ? -1 : value.IndexOf('\'', firstQuote + 1);
        if (secondQuote < 0 || !value.AsSpan(0, firstQuote).Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var chars = value.AsSpan(secondQuote + 1);
        var bytes = new byte[chars.Length];
        var length = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c == '%')
            {
                if (i + 2 >= chars.Length || !char.IsAsciiHexDigit(chars[i + 1]) || !char.IsAsciiHexDigit(chars[i + 2]))
                {
                    return false;
                }

                bytes[length++] = (byte)((HexValue(chars[i + 1]) << 4) | HexValue(chars[i + 2]));
                i += 2;
            }
            else if (AttrChars.Contains(c))
            {
                bytes[length++] = (byte)c;
            }
            else
            {
                return false;
            }
        }

        try
        {
            decoded = StrictUtf8.GetString(bytes, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
