using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>
/// A SIP or SIPS URI (RFC 3261 section 19.1), or any other absolute URI (tel:, mailto:, urn: ...) kept verbatim
/// with <see cref="IsSip"/> false; a caller that needs a SIP URI rejects those with 416.
/// Userinfo is kept in a canonical escaped form (escapes of unreserved characters decoded, other escapes with
/// upper-case hex) so that comparison is the plain ordinal comparison RFC 3261 section 19.1.4 asks for.
/// </summary>
public sealed class SipUri
{
    public const string SipScheme = "sip";
    public const string SipsScheme = "sips";

    private static readonly string[] ParametersThatMustMatch = ["user", "ttl", "method", "maddr", "transport"];

    private readonly string? _user;
    private readonly string? _password;
    private readonly GenericParameter[] _headers;
    private readonly string? _absolute;

    private SipUri(string scheme, string? user, string? password, string host, int? port, GenericParameters parameters, GenericParameter[] headers)
    {
        Scheme = scheme;
        _user = user;
        _password = password;
        Host = host;
        Port = port;
        Parameters = parameters;
        _headers = headers;
    }

    private SipUri(string scheme, string absolute)
    {
        Scheme = scheme;
        _absolute = absolute;
        Host = string.Empty;
        Parameters = GenericParameters.Empty;
        _headers = [];
    }

    /// <summary>The scheme in lower case: "sip", "sips", or the scheme of another absolute URI.</summary>
    public string Scheme { get; }

    /// <summary>True for sip: and sips: URIs; false for any other absolute URI.</summary>
    public bool IsSip => _absolute is null;

    /// <summary>True for a sips: URI.</summary>
    public bool IsSecure => Scheme == SipsScheme;

    /// <summary>The user part with every escape decoded; null when there is none.</summary>
    public string? User => _user is null ? null : SipToken.Unescape(_user);

    /// <summary>The user part in canonical escaped form, as written by <see cref="ToString"/>.</summary>
    public string? EscapedUser => _user;

    /// <summary>The password with escapes decoded; null when there is none.</summary>
    public string? Password => _password is null ? null : SipToken.Unescape(_password);

    /// <summary>The host in lower case; an IPv6 reference keeps its brackets. Empty for a non-SIP URI.</summary>
    public string Host { get; }

    /// <summary>True when the host is an IPv6 reference.</summary>
    public bool IsIPv6Host => Host.StartsWith('[');

    /// <summary>The port, or null when the URI has none (RFC 3261 section 19.1.4: absence matters).</summary>
    public int? Port { get; }

    /// <summary>The uri-parameters, names and values as written (escapes kept).</summary>
    public GenericParameters Parameters { get; }

    /// <summary>The URI headers (<c>?name=value&amp;...</c>) as written (escapes kept).</summary>
    public IReadOnlyList<GenericParameter> Headers => _headers;

    /// <summary>The whole URI as text: the verbatim text of a non-SIP URI, the canonical form of a SIP URI.</summary>
    public string AbsoluteUri => _absolute ?? ToString();

    public string? Transport => Parameters["transport"];

    public string? UserParameter => Parameters["user"];

    public string? MethodParameter => Parameters["method"];

    public string? Maddr => Parameters["maddr"];

    public int? Ttl => int.TryParse(Parameters["ttl"], NumberStyles.None, CultureInfo.InvariantCulture, out var ttl) ? ttl : null;

    /// <summary>True when the URI carries the <c>lr</c> parameter (RFC 3261 section 19.1.1, loose routing).</summary>
    public bool IsLooseRouting => Parameters.Contains("lr");

    /// <summary>The address of record form of this URI: <c>sip:user@host</c> (see <see cref="ToAor"/>).</summary>
    public string AorString => ToAor().ToString();

    public static SipUri Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Parse(SipToken.TrimWhitespace(value.AsSpan()));
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out SipUri? result) => SipValue.TryParse(value, Parse, out result);

    /// <summary>Parses a URI that must be sip: or sips:, rejecting any other scheme with 416 (RFC 3261 section 8.2.2.1).</summary>
    public static SipUri ParseSip(string value)
    {
        var uri = Parse(value);
        if (!uri.IsSip)
        {
            SipParseError.Throw(416, "Unsupported URI Scheme");
        }

        return uri;
    }

    /// <summary>Parses a SIP URI and returns its address of record (<see cref="ToAor"/>).</summary>
    public static SipUri ParseAddressOfRecord(string value) => ParseSip(value).ToAor();

    /// <summary>Builds a SIP URI from unescaped parts; the user is escaped as needed.</summary>
    public static SipUri Create(string host, string? user = null, int? port = null, bool secure = false)
    {
        ArgumentNullException.ThrowIfNull(host);
        var sb = new StringBuilder(secure ? "sips:" : "sip:");
        if (user is not null)
        {
            sb.Append(SipToken.Escape(user, SipToken.IsUserChar)).Append('@');
        }

        sb.Append(host);
        if (port is { } p)
        {
            sb.Append(':').Append(p.ToString(CultureInfo.InvariantCulture));
        }

        return TryParse(sb.ToString(), out var uri) ? uri : throw new ArgumentException($"'{host}' is not a valid host or port {port} is out of range", nameof(host));
    }

    internal static SipUri Parse(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            SipParseError.BadRequest("Empty URI");
        }

        foreach (var c in s)
        {
            if (c <= ' ' || c >= 0x7F || c is '<' or '>' or '"')
            {
                SipParseError.BadRequest("Invalid character in URI");
            }
        }

        var colon = s.IndexOf(':');
        if (colon <= 0 || !IsScheme(s[..colon]))
        {
            SipParseError.BadRequest("Missing URI scheme");
        }

        var scheme = s[..colon].ToString().ToLowerInvariant();
        var rest = s[(colon + 1)..];
        if (scheme is SipScheme or SipsScheme)
        {
            return ParseSipUri(scheme, rest);
        }

        if (rest.IsEmpty)
        {
            SipParseError.BadRequest("Empty URI");
        }

        SipToken.ValidateEscaped(rest, static c => c != '%', "URI");
        return new SipUri(scheme, scheme + ":" + rest.ToString());
    }

    /// <summary>
    /// RFC 3261 section 19.1.4: true when this URI and <paramref name="other"/> are equivalent. The relation is
    /// not transitive, which is why <see cref="object.Equals(object)"/> is left as reference equality.
    /// </summary>
    public bool Equivalent(SipUri? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (!IsSip || !other.IsSip)
        {
            // Not a SIP URI: the schemes compare case-insensitively, the rest as written.
            return !IsSip && !other.IsSip && string.Equals(_absolute, other._absolute, StringComparison.Ordinal);
        }

        // Userinfo is case-sensitive; both sides are in canonical escaped form.
        if (Scheme != other.Scheme
            || !string.Equals(_user, other._user, StringComparison.Ordinal)
            || !string.Equals(_password, other._password, StringComparison.Ordinal)
            || Port != other.Port
            || !HostEquals(other))
        {
            return false;
        }

        var mine = Unescaped(Parameters);
        var theirs = Unescaped(other.Parameters);
        foreach (var name in ParametersThatMustMatch)
        {
            var a = Find(mine, name);
            var b = Find(theirs, name);
            if (a.HasValue != b.HasValue || (a.HasValue && !ValueEquals(a.Value.Value, b!.Value.Value)))
            {
                return false;
            }
        }

        foreach (var p in mine)
        {
            // A repeated parameter name counts once, with its first value, as lookups do.
            if (Find(theirs, p.Name) is { } q && !ValueEquals(Find(mine, p.Name)!.Value.Value, q.Value))
            {
                return false;
            }
        }

        // Headers are never ignored: each one must be in both URIs (in any order).
        if (_headers.Length != other._headers.Length)
        {
            return false;
        }

        var remaining = Unescaped(other._headers);
        foreach (var h in Unescaped(_headers))
        {
            var index = remaining.FindIndex(x => string.Equals(x.Name, h.Name, StringComparison.OrdinalIgnoreCase) && ValueEquals(x.Value, h.Value));
            if (index < 0)
            {
                return false;
            }

            remaining.RemoveAt(index);
        }

        return true;
    }

    /// <summary>
    /// The address of record: scheme, canonical user and lower-case host, without password, parameters or headers,
    /// and without the port unless <paramref name="keepPort"/>. A non-SIP URI is returned unchanged.
    /// </summary>
    public SipUri ToAor(bool keepPort = false)
    {
        if (!IsSip)
        {
            return this;
        }

        return new SipUri(Scheme, _user, null, Host, keepPort ? Port : null, GenericParameters.Empty, []);
    }

    /// <summary>A copy with the uri-parameter set; <paramref name="value"/> is unescaped text (null for a flag).</summary>
    public SipUri WithParameter(string name, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        EnsureSip();
        var escapedName = SipToken.Escape(name, SipToken.IsParamChar);
        var escapedValue = value is null ? null : SipToken.Escape(value, SipToken.IsParamChar);
        if (escapedValue is { Length: 0 })
        {
            throw new ArgumentException("A URI parameter value cannot be empty", nameof(value));
        }

        return new SipUri(Scheme, _user, _password, Host, Port, Parameters.WithUnchecked(escapedName, escapedValue), _headers);
    }

    public SipUri WithoutParameter(string name)
    {
        EnsureSip();
        return new SipUri(Scheme, _user, _password, Host, Port, Parameters.Without(name), _headers);
    }

    public SipUri WithoutHeaders()
    {
        EnsureSip();
        return _headers.Length == 0 ? this : new SipUri(Scheme, _user, _password, Host, Port, Parameters, []);
    }

    public SipUri WithPort(int? port)
    {
        EnsureSip();
        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port));
        }

        return new SipUri(Scheme, _user, _password, Host, port, Parameters, _headers);
    }

    /// <summary>The canonical wire form (a non-SIP URI is written as it was read).</summary>
    public override string ToString()
    {
        if (_absolute is not null)
        {
            return _absolute;
        }

        var sb = new StringBuilder(64);
        sb.Append(Scheme).Append(':');
        if (_user is not null)
        {
            sb.Append(_user);
            if (_password is not null)
            {
                sb.Append(':').Append(_password);
            }

            sb.Append('@');
        }

        sb.Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        Parameters.AppendTo(sb);
        for (var i = 0; i < _headers.Length; i++)
        {
            sb.Append(i == 0 ? '?' : '&').Append(_headers[i].Name).Append('=').Append(_headers[i].Value);
        }

        return sb.ToString();
    }

    private static SipUri ParseSipUri(string scheme, ReadOnlySpan<char> s)
    {
        string? user = null;
        string? password = null;
        var i = 0;

        // RFC 3261 section 19.1.1: userinfo = ( user / telephone-subscriber ) [ ":" password ] "@".
        // The user may itself hold ';' and '?' (user-params such as ;isub=), so everything before '@' is userinfo.
        var at = s.IndexOf('@');
        if (at >= 0)
        {
            var userinfo = s[..at];
            var colon = userinfo.IndexOf(':');
            var userPart = colon >= 0 ? userinfo[..colon] : userinfo;
            if (userPart.IsEmpty)
            {
                SipParseError.BadRequest("Empty user in URI");
            }

            SipToken.ValidateEscaped(userPart, SipToken.IsUserChar, "URI user");
            user = SipToken.NormalizeEscapes(userPart);
            if (colon >= 0)
            {
                var passwordPart = userinfo[(colon + 1)..];
                SipToken.ValidateEscaped(passwordPart, SipToken.IsPasswordChar, "URI password");
                password = SipToken.NormalizeEscapes(passwordPart);
            }

            i = at + 1;
        }

        var host = ParseHost(s, ref i);
        int? port = null;
        if (i < s.Length && s[i] == ':')
        {
            i++;
            port = ParsePort(s, ref i);
        }

        var parameters = GenericParameters.ParseUriParameters(s, ref i);
        ValidateKnownParameters(parameters);

        GenericParameter[] headers = [];
        if (i < s.Length && s[i] == '?')
        {
            headers = ParseHeaders(s[(i + 1)..]);
            i = s.Length;
        }

        if (i != s.Length)
        {
            SipParseError.BadRequest("Invalid character in URI");
        }

        return new SipUri(scheme, user, password, host, port, parameters, headers);
    }

    /// <summary>host = hostname / IPv4address / IPv6reference, returned in lower case.</summary>
    internal static string ParseHost(ReadOnlySpan<char> s, ref int i)
    {
        if (i < s.Length && s[i] == '[')
        {
            var close = s[i..].IndexOf(']');
            if (close < 0)
            {
                SipParseError.BadRequest("Unterminated IPv6 reference");
            }

            var inner = s.Slice(i + 1, close - 1);
            string reference;
            if (IsIPv6Address(inner))
            {
                reference = s.Slice(i, close + 1).ToString().ToLowerInvariant();
            }
            else if (AbnfBugForm(inner) is { } corrected)
            {
                reference = "[" + corrected + "]";
            }
            else
            {
                reference = SipParseError.BadRequest<string>("Invalid IPv6 reference");
            }

            i += close + 1;
            return reference;
        }

        var start = i;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '-' or '.'))
        {
            i++;
        }

        var name = s[start..i];
        if (!IsHostname(name))
        {
            SipParseError.BadRequest(name.IsEmpty ? "Empty host" : "Invalid host");
        }

        return name.ToString().ToLowerInvariant();
    }

    /// <summary>
    /// RFC 5118 section 4.10: RFC 3261's ABNF lets "::" be followed by ":" and an IPv4 address, giving a
    /// third colon (<c>2001:db8:::192.0.2.1</c>). Such references are accepted, as the RFC asks, and read
    /// as the two-colon address; anything else that is not IPv6 stays invalid.
    /// </summary>
    private static string? AbnfBugForm(ReadOnlySpan<char> s)
    {
        var at = s.IndexOf(":::", StringComparison.Ordinal);
        if (at < 0 || s[(at + 3)..].Contains(':') || s[(at + 3)..].Count('.') != 3 || !IPAddress.TryParse(s[(at + 3)..], out var tail)
            || tail.AddressFamily != AddressFamily.InterNetwork)
        {
            return null;
        }

        var corrected = string.Concat(s[..(at + 2)], s[(at + 3)..]).ToLowerInvariant();
        return IsIPv6Address(corrected) ? corrected : null;
    }

    /// <summary>True for an IPv6 address without brackets and without a zone index.</summary>
    internal static bool IsIPv6Address(ReadOnlySpan<char> s) =>
        !s.IsEmpty && s.Contains(':') && !s.ContainsAny('%', '/')
        && IPAddress.TryParse(s, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>hostname = *( domainlabel "." ) toplabel [ "." ] or an IPv4address (RFC 3261 section 25.1).</summary>
    internal static bool IsHostname(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        if (s[^1] == '.')
        {
            s = s[..^1];
        }

        if (s.IsEmpty)
        {
            return false;
        }

        var lastDot = s.LastIndexOf('.');
        var top = s[(lastDot + 1)..];
        if (!top.IsEmpty && char.IsAsciiDigit(top[0]))
        {
            return IsIPv4Address(s);
        }

        foreach (var range in s.Split('.'))
        {
            var label = s[range];
            if (label.IsEmpty || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT, each at most 255.</summary>
    internal static bool IsIPv4Address(ReadOnlySpan<char> s)
    {
        var parts = 0;
        foreach (var range in s.Split('.'))
        {
            var part = s[range];
            parts++;
            if (part.IsEmpty || part.Length > 3 || part.ContainsAnyExceptInRange('0', '9')
                || int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return parts == 4;
    }

    /// <summary>port = 1*DIGIT, 0 to 65535.</summary>
    internal static int ParsePort(ReadOnlySpan<char> s, ref int i)
    {
        var start = i;
        var value = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            value = Math.Min(value * 10 + (s[i] - '0'), 100_000);
            i++;
        }

        if (i == start || value > 65535)
        {
            SipParseError.BadRequest("Invalid port");
        }

        return value;
    }

    private static GenericParameter[] ParseHeaders(ReadOnlySpan<char> s)
    {
        // headers = "?" header *( "&" header ); header = hname "=" hvalue
        var list = new List<GenericParameter>();
        foreach (var range in s.Split('&'))
        {
            var header = s[range];
            var eq = header.IndexOf('=');
            if (eq <= 0)
            {
                SipParseError.BadRequest("Invalid URI header");
            }

            var name = header[..eq];
            var value = header[(eq + 1)..];
            SipToken.ValidateEscaped(name, SipToken.IsHeaderChar, "URI header");
            SipToken.ValidateEscaped(value, SipToken.IsHeaderChar, "URI header");
            list.Add(new GenericParameter(name.ToString(), value.ToString()));
        }

        return [.. list];
    }

    private static void ValidateKnownParameters(GenericParameters parameters)
    {
        foreach (var p in parameters)
        {
            if (p.Name.Equals("ttl", StringComparison.OrdinalIgnoreCase)
                && (p.Value is not { Length: >= 1 and <= 3 } ttl || ttl.AsSpan().ContainsAnyExceptInRange('0', '9') || int.Parse(ttl, CultureInfo.InvariantCulture) > 255))
            {
                SipParseError.BadRequest("Invalid ttl parameter");
            }
        }
    }

    private static bool IsScheme(ReadOnlySpan<char> s)
    {
        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        if (!char.IsAsciiLetter(s[0]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static List<GenericParameter> Unescaped(IEnumerable<GenericParameter> items) =>
        items.Select(p => new GenericParameter(SipToken.Unescape(p.Name), p.Value is null ? null : SipToken.Unescape(p.Value))).ToList();

    private static GenericParameter? Find(List<GenericParameter> items, string name)
    {
        foreach (var p in items)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        return null;
    }

    private static bool ValueEquals(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private bool HostEquals(SipUri other)
    {
        if (IsIPv6Host && other.IsIPv6Host)
        {
            // RFC 5118 section 4.4: IPv6 references compare as addresses, not as text.
            return IPAddress.Parse(Host.AsSpan(1, Host.Length - 2)).Equals(IPAddress.Parse(other.Host.AsSpan(1, other.Host.Length - 2)));
        }

        return string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase);
    }

    private void EnsureSip()
    {
        if (!IsSip)
        {
            throw new InvalidOperationException($"'{_absolute}' is not a SIP URI");
        }
    }
}
