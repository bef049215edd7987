using System.Globalization;
using System.Text;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// A canonical form of a URI for uniqueness checks (RFC 4826 section 5: URIs are compared by the rules of their scheme).
/// Two URIs with the same canonical form are equal. For <c>sip</c> and <c>sips</c> (RFC 3261 section 19.1.4): the scheme,
/// host and parameter names and values compare case-insensitively, the user info case-sensitively, an escaped unreserved
/// character equals the character itself, and parameters and headers compare in any order. For every other scheme: the
/// scheme (and for <c>http</c>/<c>https</c> the host) case-insensitively, escaped unreserved characters decoded.
/// </summary>
/// <remarks>
/// Simplified: RFC 3261 ignores a parameter other than user, ttl, method and maddr that only one of the two URIs has;
/// a canonical form cannot (that equality is not transitive), so such URIs compare as different here. A port is never
/// dropped: RFC 3261 says an explicit default port differs from none.
/// </remarks>
public static class UriCanonicalForm
{
    /// <summary>The canonical form of <paramref name="uri"/>; a value that is not a URI is returned with only escapes normalised.</summary>
    public static string Of(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var value = uri.Trim();
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return NormaliseEscapes(value);
        }

        var scheme = value[..colon].ToLowerInvariant();
        var rest = value[(colon + 1)..];
        return scheme switch
        {
            "sip" or "sips" => scheme + ":" + SipRest(rest),
            "http" or "https" => scheme + ":" + HttpRest(rest),
            _ => scheme + ":" + NormaliseEscapes(rest),
        };
    }

    /// <summary>The two URIs are equal by <see cref="Of"/>.</summary>
    public static bool AreEqual(string a, string b) => string.Equals(Of(a), Of(b), StringComparison.Ordinal);

    private static string SipRest(string rest)
    {
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var headers = question < 0 ? null : rest[(question + 1)..];
        var main = question < 0 ? rest : rest[..question];
        var at = main.LastIndexOf('@');
        var userInfo = at < 0 ? null : main[..at];
        var parts = main[(at + 1)..].Split(';');
        var result = new StringBuilder();
        if (userInfo is not null)
        {
            result.Append(NormaliseEscapes(userInfo)).Append('@');
        }

        result.Append(NormaliseEscapes(parts[0]).ToLowerInvariant());
        foreach (var parameter in parts.Skip(1).Where(static p => p.Length > 0).Select(static p => NormaliseEscapes(p).ToLowerInvariant()).Order(StringComparer.Ordinal))
        {
            result.Append(';').Append(parameter);
        }

        if (headers is not null)
        {
            var sorted = headers.Split('&').Where(static h => h.Length > 0).Select(Header).Order(StringComparer.Ordinal);
            result.Append('?').AppendJoin('&', sorted);
        }

        return result.ToString();
    }

    private static string Header(string header)
    {
        var equals = header.IndexOf('=', StringComparison.Ordinal);
        return equals < 0
            ? NormaliseEscapes(header).ToLowerInvariant()
            : NormaliseEscapes(header[..equals]).ToLowerInvariant() + "=" + NormaliseEscapes(header[(equals + 1)..]);
    }

    private static string HttpRest(string rest)
    {
        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            return NormaliseEscapes(rest);
        }

        var end = rest.IndexOfAny(['/', '?', '#'], 2);
        var authority = end < 0 ? rest[2..] : rest[2..end];
        var path = end < 0 ? string.Empty : rest[end..];
        var at = authority.LastIndexOf('@');
        var host = at < 0 ? authority.ToLowerInvariant() : authority[..(at + 1)] + authority[(at + 1)..].ToLowerInvariant();
        return "//" + host + NormaliseEscapes(path);
    }

    /// <summary>Decodes <c>%XX</c> of unreserved characters (RFC 3986 section 2.3, RFC 3261 mark characters) and upper-cases the hex of the rest.</summary>
    private static string NormaliseEscapes(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length
                && byte.TryParse(value.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                var c = (char)b;
                if (char.IsAsciiLetterOrDigit(c) || "-_.!~*'()".Contains(c, StringComparison.Ordinal))
                {
                    result.Append(c);
                }
                else
                {
                    result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }

                i += 2;
            }
            else
            {
                result.Append(value[i]);
            }
        }

        return result.ToString();
    }
}
