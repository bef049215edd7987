using System.Buffers;
using System.Text;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>
/// The shared grammar of challenges and credentials (RFC 3261 section 25.1, RFC 7235 section 2.1):
/// <c>auth-scheme LWS ( auth-param *( COMMA auth-param ) / token68 )</c>.
/// </summary>
internal static class AuthParameterList
{
    private static readonly SearchValues<char> Token68Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/");

    public static (string Scheme, AuthParameter[] Parameters, string? Token68) Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var s = SipToken.TrimWhitespace(value.AsSpan());
        var i = SipToken.ScanToken(s, 0);
        if (i == 0)
        {
            SipParseError.BadRequest("Missing authentication scheme");
        }

        var scheme = s[..i].ToString();
        if (i == s.Length)
        {
            return (scheme, [], null);
        }

        var afterScheme = SipToken.SkipWhitespace(s, i);
        if (afterScheme == i)
        {
            SipParseError.BadRequest("Missing white space after authentication scheme");
        }

        i = afterScheme;
        var rest = s[i..];
        var t68End = rest.IndexOfAnyExcept(Token68Chars);
        if (t68End < 0)
        {
            t68End = rest.Length;
        }

        // Digest (RFC 3261 section 25.1) only takes auth-params; token68 is for schemes such as Bearer.
        if (t68End > 0 && rest[t68End..].TrimStart('=').IsEmpty && !scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase))
        {
            return (scheme, [], rest.ToString());
        }

        var list = new List<AuthParameter>();
        while (i < s.Length)
        {
            if (s[i] == ',')
            {
                // #rule: empty list elements are allowed.
                i = SipToken.SkipWhitespace(s, i + 1);
                continue;
            }

            var nameEnd = SipToken.ScanToken(s, i);
            if (nameEnd == i)
            {
                SipParseError.BadRequest("Invalid authentication parameter");
            }

            var name = s[i..nameEnd].ToString();
            i = SipToken.SkipWhitespace(s, nameEnd);
            if (i >= s.Length || s[i] != '=')
            {
                SipParseError.BadRequest($"Missing value of authentication parameter '{name}'");
            }

            i = SipToken.SkipWhitespace(s, i + 1);
            if (i < s.Length && s[i] == '"')
            {
                var end = SipToken.ScanQuotedString(s, i);
                list.Add(new AuthParameter(name, SipToken.Unquote(s[i..end]), true));
                i = end;
            }
            else
            {
                var end = SipToken.ScanToken(s, i);
                if (end == i)
                {
                    SipParseError.BadRequest($"Invalid value of authentication parameter '{name}'");
                }

                list.Add(new AuthParameter(name, s[i..end].ToString(), false));
                i = end;
            }

            i = SipToken.SkipWhitespace(s, i);
            if (i < s.Length && s[i] != ',')
            {
                SipParseError.BadRequest("Expected ',' between authentication parameters");
            }
        }

        return (scheme, [.. list], null);
    }

    public static AuthParameter[] Validate(string scheme, IEnumerable<AuthParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!SipToken.IsTokenString(scheme))
        {
            throw new ArgumentException($"'{scheme}' is not a token", nameof(scheme));
        }

        var result = parameters.ToArray();
        foreach (var p in result)
        {
            if (!SipToken.IsTokenString(p.Name) || p.Value is null || (!p.IsQuoted && !SipToken.IsTokenString(p.Value)))
            {
                throw new ArgumentException($"Invalid authentication parameter '{p.Name}'", nameof(parameters));
            }
        }

        return result;
    }

    public static string? Find(AuthParameter[] parameters, string name)
    {
        foreach (var p in parameters)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    public static string Format(string scheme, AuthParameter[] parameters, string? token68)
    {
        var sb = new StringBuilder(scheme);
        if (token68 is not null)
        {
            return sb.Append(' ').Append(token68).ToString();
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            sb.Append(i == 0 ? " " : ", ").Append(parameters[i].ToString());
        }

        return sb.ToString();
    }
}
