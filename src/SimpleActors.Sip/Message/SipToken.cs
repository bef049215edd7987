using System.Buffers;
using System.Text;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>
/// RFC 3261 section 25.1 character classes and the quoting and escaping rules built on them.
/// </summary>
public static class SipToken
{
    private const string Alphanum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    private static readonly SearchValues<char> TokenChars = SearchValues.Create(Alphanum + "-.!%*_+`'~");

    // unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
    private static readonly SearchValues<char> UnreservedChars = SearchValues.Create(Alphanum + "-_.!~*'()");

    // reserved = ";" / "/" / "?" / ":" / "@" / "&" / "=" / "+" / "$" / ","
    private static readonly SearchValues<char> ReservedChars = SearchValues.Create(";/?:@&=+$,");

    // user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
    private static readonly SearchValues<char> UserChars = SearchValues.Create(Alphanum + "-_.!~*'()&=+$,;?/");

    // password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
    private static readonly SearchValues<char> PasswordChars = SearchValues.Create(Alphanum + "-_.!~*'()&=+$,");

    // paramchar = param-unreserved / unreserved / escaped; param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$"
    private static readonly SearchValues<char> ParamChars = SearchValues.Create(Alphanum + "-_.!~*'()[]/:&+$");

    // hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$"
    private static readonly SearchValues<char> HeaderChars = SearchValues.Create(Alphanum + "-_.!~*'()[]/?:+$");

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789ABCDEFabcdef");

    /// <summary>True for a character of the RFC 3261 <c>token</c> production.</summary>
    public static bool IsToken(char c) => TokenChars.Contains(c);

    /// <summary>True when <paramref name="value"/> is a non-empty <c>token</c>.</summary>
    public static bool IsTokenString(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExcept(TokenChars);

    /// <summary>True for an RFC 3261 <c>unreserved</c> character (alphanum / mark).</summary>
    public static bool IsUnreserved(char c) => UnreservedChars.Contains(c);

    /// <summary>True for an RFC 3261 <c>reserved</c> character.</summary>
    public static bool IsReserved(char c) => ReservedChars.Contains(c);

    /// <summary>True for a hexadecimal digit.</summary>
    public static bool IsHexDigit(char c) => HexDigits.Contains(c);

    /// <summary>True for linear white space inside an unfolded header value (SP or HTAB).</summary>
    public static bool IsWhitespace(char c) => c is ' ' or '\t';

    /// <summary>True when <paramref name="value"/> has <c>escaped</c> ("%" HEX HEX) at <paramref name="index"/>.</summary>
    public static bool IsEscaped(ReadOnlySpan<char> value, int index) =>
        index >= 0 && index + 2 < value.Length && value[index] == '%'
        && IsHexDigit(value[index + 1]) && IsHexDigit(value[index + 2]);

    /// <summary>Wraps <paramref name="value"/> in a <c>quoted-string</c>, escaping '"' and '\'.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.Append('"').ToString();
    }

    /// <summary>
    /// Removes the quotes and the quoted-pair escapes of a <c>quoted-string</c>; a value without quotes is
    /// returned as it is. Throws <see cref="SipParseException"/> on an unterminated string.
    /// </summary>
    public static string Unquote(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value[0] != '"')
        {
            return value.ToString();
        }

        var end = ScanQuotedString(value, 0);
        if (end != value.Length)
        {
            SipParseError.BadRequest("Text after a quoted string");
        }

        var inner = value[1..^1];
        if (!inner.Contains('\\'))
        {
            return inner.ToString();
        }

        var sb = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (c == '\\')
            {
                i++;
                c = inner[i];
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Scans the <c>quoted-string</c> that starts with '"' at <paramref name="start"/> and returns the index
    /// just past its closing quote (RFC 3261 section 25.1: qdtext and quoted-pair).
    /// </summary>
    internal static int ScanQuotedString(ReadOnlySpan<char> s, int start)
    {
        var i = start + 1;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '"')
            {
                return i + 1;
            }

            if (c == '\\')
            {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                if (i + 1 >= s.Length || s[i + 1] is '\r' or '\n')
                {
                    break;
                }

                i += 2;
                continue;
            }

            if (c < 0x20 && c != '\t' || c == 0x7F)
            {
                SipParseError.BadRequest("Control character in quoted string");
            }

            i++;
        }

        return SipParseError.BadRequest<int>("Unterminated quoted string");
    }

    /// <summary>Index of the first character at or after <paramref name="i"/> that is not SP or HTAB.</summary>
    internal static int SkipWhitespace(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && IsWhitespace(s[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Index just past the token starting at <paramref name="i"/> (equal to i when there is none).</summary>
    internal static int ScanToken(ReadOnlySpan<char> s, int i)
    {
        var n = s[i..].IndexOfAnyExcept(TokenChars);
        return n < 0 ? s.Length : i + n;
    }

    internal static ReadOnlySpan<char> TrimWhitespace(ReadOnlySpan<char> s) => s.Trim(" \t");

    internal static bool IsUserChar(char c) => UserChars.Contains(c);

    internal static bool IsPasswordChar(char c) => PasswordChars.Contains(c);

    internal static bool IsParamChar(char c) => ParamChars.Contains(c);

    internal static bool IsHeaderChar(char c) => HeaderChars.Contains(c);

    internal static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };

    /// <summary>
    /// Checks that <paramref name="s"/> is made of characters accepted by <paramref name="allowed"/> and
    /// well-formed escapes; throws 400 naming <paramref name="what"/> otherwise.
    /// </summary>
    internal static void ValidateEscaped(ReadOnlySpan<char> s, Func<char, bool> allowed, string what)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !IsHexDigit(s[i + 1]) || !IsHexDigit(s[i + 2]))
                {
                    SipParseError.BadRequest($"Bad escape in {what}");
                }

                i += 2;
            }
            else if (!allowed(c))
            {
                SipParseError.BadRequest($"Invalid character in {what}");
            }
        }
    }

    /// <summary>Decodes every escape of an already validated escaped string, reading the octets as UTF-8.</summary>
    public static string Unescape(ReadOnlySpan<char> s)
    {
        if (!s.Contains('%'))
        {
            return s.ToString();
        }

        var bytes = new List<byte>(s.Length);
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%' && i + 2 < s.Length && IsHexDigit(s[i + 1]) && IsHexDigit(s[i + 2]))
            {
                bytes.Add((byte)((HexValue(s[i + 1]) << 4) | HexValue(s[i + 2])));
                i += 2;
                continue;
            }

            FlushBytes(bytes, sb);
            sb.Append(c);
        }

        FlushBytes(bytes, sb);
        return sb.ToString();

        static void FlushBytes(List<byte> bytes, StringBuilder sb)
        {
            if (bytes.Count > 0)
            {
                sb.Append(Encoding.UTF8.GetString(bytes.ToArray()));
                bytes.Clear();
            }
        }
    }

    /// <summary>
    /// Escapes <paramref name="value"/> so that only characters accepted by <paramref name="literal"/> stay
    /// as they are; everything else becomes the "%" HEX HEX escapes of its UTF-8 octets.
    /// </summary>
    internal static string Escape(string value, Func<char, bool> literal)
    {
        var i = 0;
        while (i < value.Length && literal(value[i]))
        {
            i++;
        }

        if (i == value.Length)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 8);
        sb.Append(value, 0, i);
        Span<byte> buffer = stackalloc byte[4];
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x80 && literal(c))
            {
                sb.Append(c);
                continue;
            }

            int count;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                count = Encoding.UTF8.GetBytes(value.AsSpan(i, 2), buffer);
                i++;
            }
            else
            {
                count = Encoding.UTF8.GetBytes(value.AsSpan(i, 1), buffer);
            }

            for (var b = 0; b < count; b++)
            {
                AppendEscape(sb, buffer[b]);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The canonical escaped form used to compare and print userinfo (RFC 3261 section 19.1.4): escapes of
    /// unreserved characters are decoded, every other escape is kept with upper-case hex digits.
    /// </summary>
    internal static string NormalizeEscapes(ReadOnlySpan<char> s)
    {
        if (!s.Contains('%'))
        {
            return s.ToString();
        }

        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%' && i + 2 < s.Length)
            {
                var b = (HexValue(s[i + 1]) << 4) | HexValue(s[i + 2]);
                if (b < 0x80 && IsUnreserved((char)b))
                {
                    sb.Append((char)b);
                }
                else
                {
                    AppendEscape(sb, (byte)b);
                }

                i += 2;
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static void AppendEscape(StringBuilder sb, byte b)
    {
        const string hex = "0123456789ABCDEF";
        sb.Append('%').Append(hex[b >> 4]).Append(hex[b & 0xF]);
    }
}
