using System.Globalization;
using System.Text;
using System.Xml;

namespace SimpleActors.Xcap.Xml;

/// <summary>
/// The XML 1.0 <c>AttValue</c> production without its quotes (XML section 2.3): no <c>&lt;</c>, and <c>&amp;</c> only as
/// the start of a reference. Only the five predefined entities and character references can be decoded, as no DTD is ever
/// read.
/// </summary>
public static class XcapAttValue
{
    /// <summary>Replaces the references of an AttValue's content; false when it is not a legal AttValue content.</summary>
    public static bool TryDecode(ReadOnlySpan<char> content, out string value)
    {
        var builder = new StringBuilder(content.Length);
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (c == '<')
            {
                value = string.Empty;
                return false;
            }

            if (c != '&')
            {
                builder.Append(c);
                continue;
            }

            var end = content[i..].IndexOf(';');
            if (end < 0 || !TryReference(content.Slice(i + 1, end - 1), builder))
            {
                value = string.Empty;
                return false;
            }

            i += end;
        }

        value = builder.ToString();
        try
        {
            XmlConvert.VerifyXmlChars(value);
            return true;
        }
        catch (XmlException)
        {
            value = string.Empty;
            return false;
        }
    }

    /// <summary>
    /// True when <paramref name="content"/> can stand between quotes as an AttValue: a legal content that lacks at least one
    /// of the two quote characters. <paramref name="quote"/> is the quote to write it with (double unless it holds one).
    /// </summary>
    public static bool IsLegalContent(string content, out char quote)
    {
        ArgumentNullException.ThrowIfNull(content);
        quote = content.Contains('"', StringComparison.Ordinal) ? '\'' : '"';
        return TryDecode(content, out _) && !(content.Contains('"', StringComparison.Ordinal) && content.Contains('\'', StringComparison.Ordinal));
    }

    private static bool TryReference(ReadOnlySpan<char> name, StringBuilder builder)
    {
        switch (name)
        {
            case "lt": builder.Append('<'); return true;
            case "gt": builder.Append('>'); return true;
            case "amp": builder.Append('&'); return true;
            case "quot": builder.Append('"'); return true;
            case "apos": builder.Append('\''); return true;
        }

        if (name.Length < 2 || name[0] != '#')
        {
            return false;
        }

        var hex = name[1] == 'x';
        var digits = name[(hex ? 2 : 1)..];
        if (digits.IsEmpty || digits.Length > 8
            || !int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        {
            return false;
        }

        builder.Append(char.ConvertFromUtf32(code));
        return true;
    }
}
