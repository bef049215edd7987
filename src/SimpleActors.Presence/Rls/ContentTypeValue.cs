using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace SimpleActors.Presence.Rls;

/// <summary>
/// A Content-Type header value (RFC 2045 section 5.1): <c>type "/" subtype *(";" attribute "=" value)</c>, a value being a
/// token or a quoted-string. Whitespace is allowed around <c>;</c> and <c>=</c>, as SIP allows it (RFC 3261 section 25.1).
/// An unquoted value may hold <c>/</c> (common in <c>type=</c>, though RFC 2045 asks for quotes).
/// Type, subtype and attribute names compare case-insensitively and are kept lower-case; values are kept as written
/// (unquoted).
/// </summary>
internal sealed record ContentTypeValue(string MediaType, IReadOnlyDictionary<string, string> Parameters)
{
    // RFC 2045 section 5.1: token := 1*<any (US-ASCII) CHAR except SPACE, CTLs, or tspecials>.
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~");

    public string? this[string parameter] => Parameters.GetValueOrDefault(parameter);

    public bool IsMultipartRelated => MediaType == "multipart/related";

    /// <summary>The media type (<c>type/subtype</c>, lower-case) of a value that parses, else null.</summary>
    public static string? MediaTypeOf(string value) => TryParse(value, out var parsed) ? parsed.MediaType : null;

    public static bool TryParse(string value, [NotNullWhen(true)] out ContentTypeValue? parsed)
    {
        parsed = null;
        var at = 0;
        SkipSpace(value, ref at);
        if (!Token(value, ref at, out var type) || at >= value.Length || value[at++] != '/' || !Token(value, ref at, out var subtype))
        {
            return false;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace(value, ref at);
            if (at == value.Length)
            {
                break;
            }

            if (value[at++] != ';')
            {
                return false;
            }

            SkipSpace(value, ref at);
            if (!Token(value, ref at, out var name))
            {
                return false;
            }

            SkipSpace(value, ref at);
            if (at >= value.Length || value[at++] != '=')
            {
                return false;
            }

            SkipSpace(value, ref at);
            if (!(at < value.Length && value[at] == '"' ? Quoted(value, ref at, out var parameter) : Token(value, ref at, out parameter, allowSlash: true))
                || !parameters.TryAdd(name.ToLowerInvariant(), parameter))
            {
                return false;
            }
        }

        parsed = new ContentTypeValue(type.ToLowerInvariant() + "/" + subtype.ToLowerInvariant(), parameters);
        return true;
    }

    /// <summary>A parameter value as written: a token when it is one, else a quoted-string.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            quoted.Append(c is '"' or '\\' ? "\\" : string.Empty).Append(c);
        }

        return quoted.Append('"').ToString();
    }

    private static void SkipSpace(string value, ref int at)
    {
        while (at < value.Length && value[at] is ' ' or '\t')
        {
            at++;
        }
    }

    /// <param name="allowSlash">For an unquoted parameter value: <c>type=application/rlmi+xml</c> is common though RFC 2045
    /// wants it quoted; accepted.</param>
    private static bool Token(string value, ref int at, out string token, bool allowSlash = false)
    {
        var start = at;
        while (at < value.Length && (TokenChars.Contains(value[at]) || (allowSlash && value[at] == '/')))
        {
            at++;
        }

        token = value[start..at];
        return at > start;
    }

    private static bool Quoted(string value, ref int at, out string text)
    {
        // RFC 822 quoted-string: '"' *(qtext / quoted-pair) '"'; qtext excludes '"', '\' and CR.
        var result = new StringBuilder();
        at++;
        while (at < value.Length)
        {
            var c = value[at++];
            if (c == '"')
            {
                text = result.ToString();
                return true;
            }

            if (c == '\\')
            {
                if (at == value.Length)
                {
                    break;
                }

                c = value[at++];
            }
            else if (c is '\r' or '\n' || c > '~' || (c < ' ' && c != '\t'))
            {
                break;
            }

            result.Append(c);
        }

        text = string.Empty;
        return false;
    }
}
