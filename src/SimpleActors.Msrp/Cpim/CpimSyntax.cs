using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace SimpleActors.Msrp.Cpim;

/// <summary>
/// The lexical rules of RFC 3862 section 3.6 that the reader and the writer share: character classes, names, tokens,
/// language tags, URIs in angle brackets, the escape mechanism (section 2.3) and the address form of From, To and cc.
/// </summary>
internal static class CpimSyntax
{
    /// <summary>NAMECHAR = %x21 / %x23-27 / %x2a-2b / %x2d / %x5e-60 / %x7c / %x7e / ALPHA / DIGIT.</summary>
    public static bool IsNameChar(char c) =>
        c is '!' or (>= '#' and <= '\'') or '*' or '+' or '-' or (>= '^' and <= '`') or '|' or '~'
            or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    /// <summary>TOKENCHAR = NAMECHAR / "." / UCS-high (in text decoded from valid UTF-8, surrogates come in pairs).</summary>
    public static bool IsTokenChar(char c) => IsNameChar(c) || c == '.' || c >= 0x80;

    /// <summary>Name = 1*NAMECHAR.</summary>
    public static bool IsName(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsNameChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Header-name = [ Name-prefix "." ] Name.</summary>
    public static bool IsHeaderName(ReadOnlySpan<char> text)
    {
        var dot = text.IndexOf('.');
        return dot < 0 ? IsName(text) : IsName(text[..dot]) && IsName(text[(dot + 1)..]);
    }

    /// <summary>Token = 1*TOKENCHAR (surrogate pairs count as UCS-high).</summary>
    public static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || HasLoneSurrogate(text))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Language-Tag = Primary-subtag *( "-" Subtag ) (RFC 3066, which RFC 3862 section 3.3 uses).</summary>
    public static bool IsLanguageTag(ReadOnlySpan<char> text)
    {
        var first = true;
        foreach (var range in text.Split('-'))
        {
            var part = text[range];
            if (part.Length is 0 or > 8)
            {
                return false;
            }

            foreach (var c in part)
            {
                if (!char.IsAsciiLetter(c) && (first || !char.IsAsciiDigit(c)))
                {
                    return false;
                }
            }

            first = false;
        }

        return !first;
    }

    /// <summary>
    /// A URI as it may stand between angle brackets: a scheme (RFC 3986 section 3.1) and a colon, then no white space,
    /// control, angle bracket, double quote or backslash. Non-ASCII is let through (IRIs).
    /// </summary>
    public static bool IsUri(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        if (colon < 1 || !char.IsAsciiLetter(text[0]) || HasLoneSurrogate(text))
        {
            return false;
        }

        foreach (var c in text[1..colon])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        foreach (var c in text[(colon + 1)..])
        {
            if (c <= ' ' || c == 0x7F || c is '<' or '>' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    public static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// RFC 3862 section 2.3: <c>\u</c> and four hex digits, or <c>\b \t \n \r \" \' \\</c>; any other backslash is an error.
    /// </summary>
    public static string Unescape(ReadOnlySpan<char> text, string header)
    {
        var backslash = text.IndexOf('\\');
        if (backslash < 0)
        {
            return text.ToString();
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '\\')
            {
                result.Append(c);
                i++;
                continue;
            }

            result.Append(Unescaped(text, ref i, header));
        }

        return result.ToString();
    }

    /// <summary>The character an escape at <paramref name="i"/> stands for; <paramref name="i"/> moves past it.</summary>
    private static char Unescaped(ReadOnlySpan<char> text, ref int i, string header)
    {
        if (i + 1 >= text.Length)
        {
            Reject($"CPIM: {header}: backslash at the end of the value");
        }

        var code = text[i + 1];
        i += 2;
        switch (code)
        {
            case 'b': return '\b';
            case 't': return '\t';
            case 'n': return '\n';
            case 'r': return '\r';
            case '"' or '\'' or '\\': return code;
            case 'u' when i + 4 <= text.Length
                && ushort.TryParse(text.Slice(i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit):
                i += 4;
                return (char)unit;
            default:
                return Reject<char>($"CPIM: {header}: bad escape sequence");
        }
    }

    /// <summary>
    /// Appends <paramref name="text"/> with the escapes RFC 3862 section 2.3 requires: backslash, controls (CR and LF
    /// above all) and unpaired surrogates; inside a quoted string the double quote as well. The rest goes as UTF-8.
    /// </summary>
    public static void AppendEscaped(StringBuilder builder, string text, bool quoted)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\b': builder.Append(@"\b"); break;
                case '\t': builder.Append(@"\t"); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '"' when quoted: builder.Append("\\\""); break;
                case < ' ' or (char)0x7F:
                case >= '\uD800' and <= '\uDFFF':
                    builder.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(c); break;
            }
        }
    }

    /// <summary>
    /// A quoted string (RFC 3862 String: DQUOTE *( Str-char / Escape ) DQUOTE) starting at <paramref name="start"/>;
    /// returns the unescaped text, <paramref name="end"/> is the index after the closing quote.
    /// </summary>
    public static string ReadQuoted(ReadOnlySpan<char> text, int start, out int end, string header)
    {
        var result = new StringBuilder();
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                end = i + 1;
                return result.ToString();
            }

            if (c == '\\')
            {
                result.Append(Unescaped(text, ref i, header));
                continue;
            }

            result.Append(c);
            i++;
        }

        end = text.Length;
        return Reject<string>($"CPIM: {header}: unterminated quoted string");
    }

    /// <summary>The form of From, To and cc (RFC 3862 sections 4.1 to 4.3): <c>[ Formal-name ] "&lt;" URI "&gt;"</c>.</summary>
    public static CpimAddress ReadAddress(string value, string header)
    {
        var text = value.AsSpan();
        var i = 0;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        string? name;
        if (i < text.Length && text[i] == '"')
        {
            name = ReadQuoted(text, i, out i, header);
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }
        }
        else
        {
            // Formal-name = 1*( Token SP ): read leniently as any text up to the angle bracket, without quotes.
            var open = text[i..].IndexOf('<');
            if (open < 0)
            {
                return Reject<CpimAddress>($"CPIM: {header}: no <URI>");
            }

            var bare = text.Slice(i, open);
            if (bare.IndexOfAny('"', '>') >= 0)
            {
                return Reject<CpimAddress>($"CPIM: {header}: malformed display name");
            }

            name = Unescape(bare, header).Trim(' ');
            i += open;
        }

        if (i >= text.Length || text[i] != '<')
        {
            return Reject<CpimAddress>($"CPIM: {header}: no <URI>");
        }

        var close = text[i..].IndexOf('>');
        if (close < 0)
        {
            return Reject<CpimAddress>($"CPIM: {header}: no closing >");
        }

        var uri = text.Slice(i + 1, close - 1);
        if (i + close + 1 != text.Length)
        {
            return Reject<CpimAddress>($"CPIM: {header}: text after the URI");
        }

        if (!IsUri(uri))
        {
            return Reject<CpimAddress>($"CPIM: {header}: malformed URI");
        }

        return new CpimAddress(string.IsNullOrEmpty(name) ? null : name, uri.ToString());
    }

    /// <summary>
    /// An address as RFC 3862 writes it: <c>MR SANDERS &lt;im:...&gt;</c> when the name is tokens with single spaces
    /// between them, a quoted string otherwise.
    /// </summary>
    public static void AppendAddress(StringBuilder builder, CpimAddress address, string header)
    {
        if (!IsUri(address.Uri))
        {
            throw new ArgumentException($"{header}: not a URI that can stand in angle brackets: {address.Uri}", nameof(address));
        }

        if (!string.IsNullOrEmpty(address.DisplayName))
        {
            if (IsTokens(address.DisplayName))
            {
                builder.Append(address.DisplayName);
            }
            else
            {
                builder.Append('"');
                AppendEscaped(builder, address.DisplayName, quoted: true);
                builder.Append('"');
            }

            builder.Append(' ');
        }

        builder.Append('<').Append(address.Uri).Append('>');
    }

    private static bool IsTokens(string name)
    {
        foreach (var range in name.AsSpan().Split(' '))
        {
            if (!IsToken(name.AsSpan()[range]))
            {
                return false;
            }
        }

        return true;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Reject(string reason) => throw new CpimFormatException(reason);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Reject<T>(string reason) => throw new CpimFormatException(reason);
}
