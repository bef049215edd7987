using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>
/// Comma-separated header values (RFC 3261 section 7.3.1). Not for WWW-Authenticate, Authorization and their
/// proxy forms, whose single value holds commas between auth-params.
/// </summary>
public static class HeaderValueList
{
    /// <summary>
    /// True when <see cref="Split"/> would give no element: the value holds nothing but commas, spaces and tabs. Any
    /// other character (a quote and a bracket included) lands in some element, so no split is needed to tell.
    /// </summary>
    public static bool IsEmptyList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAnyExcept(", \t") < 0;
    }

    /// <summary>
    /// Splits <paramref name="value"/> at the commas that are outside quoted strings and angle brackets,
    /// trimming white space and skipping empty elements.
    /// </summary>
    public static IReadOnlyList<string> Split(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var s = value.AsSpan();
        var result = new List<string>();
        var start = 0;
        var i = 0;
        while (i < s.Length)
        {
            switch (s[i])
            {
                case '"':
                    i = SipToken.ScanQuotedString(s, i);
                    continue;
                case '<':
                    var close = s[i..].IndexOf('>');
                    if (close < 0)
                    {
                        SipParseError.BadRequest("Missing '>' in header value");
                    }

                    i += close + 1;
                    continue;
                case ',':
                    Add(result, s[start..i]);
                    start = i + 1;
                    break;
            }

            i++;
        }

        Add(result, s[start..]);
        return result;

        static void Add(List<string> result, ReadOnlySpan<char> element)
        {
            element = SipToken.TrimWhitespace(element);
            if (!element.IsEmpty)
            {
                result.Add(element.ToString());
            }
        }
    }

    /// <summary>
    /// Parses a list of tokens such as the option-tags of Require, Supported and Unsupported, the methods of Allow
    /// or the event types of Allow-Events; throws 400 when an element is not a token.
    /// </summary>
    public static IReadOnlyList<string> ParseTokens(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = new List<string>();
        foreach (var range in value.AsSpan().Split(','))
        {
            var element = SipToken.TrimWhitespace(value.AsSpan()[range]);
            if (element.IsEmpty)
            {
                continue;
            }

            if (!SipToken.IsTokenString(element))
            {
                SipParseError.BadRequest("Invalid token in list");
            }

            result.Add(element.ToString());
        }

        return result;
    }
}
