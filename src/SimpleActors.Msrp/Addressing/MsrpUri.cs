using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Addressing;

/// <summary>
/// An MSRP URI (RFC 4975 sections 6 and 9): <c>msrp://[userinfo@]host[:port][/session-id];transport[;param]</c>, or
/// <c>msrps://</c> for TLS. Immutable. Equality is the comparison of section 6.1; <see cref="ToString"/> writes the URI
/// back as it was given.
/// </summary>
public sealed class MsrpUri : IEquatable<MsrpUri>
{
    /// <summary>The transport of RFC 4975; RFC 7977 adds <c>ws</c>.</summary>
    public const string Tcp = "tcp";

    private static readonly SearchValues<char> IPv6Chars = SearchValues.Create("0123456789abcdefABCDEF:.");

    private readonly string comparableHost;
    private string? text;

    /// <summary>
    /// A URI from its parts; <paramref name="host"/> is a name, an IPv4 address or an IPv6 address (with or without
    /// brackets). Throws <see cref="ArgumentException"/> for a part the grammar does not allow.
    /// </summary>
    public MsrpUri(
        string host,
        int? port,
        string? sessionId,
        string transport = Tcp,
        bool isSecure = false,
        string? userInfo = null,
        IReadOnlyList<MsrpUriParameter>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(transport);
        var bare = host.Length > 1 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        if (!TryClassifyHost(bare, bracketed: bare.Contains(':', StringComparison.Ordinal), out var isIPv6, out var comparable))
        {
            throw new ArgumentException($"Not a host: {host}", nameof(host));
        }

        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "A port is 0 to 65535");
        }

        if (sessionId is not null && !MsrpCharacters.IsSessionId(sessionId))
        {
            throw new ArgumentException($"Not a session-id: {sessionId}", nameof(sessionId));
        }

        if (!MsrpCharacters.IsAlphaNum(transport))
        {
            throw new ArgumentException($"Not a transport: {transport}", nameof(transport));
        }

        if (userInfo is not null && !MsrpCharacters.IsUserInfo(userInfo))
        {
            throw new ArgumentException($"Not a userinfo: {userInfo}", nameof(userInfo));
        }

        var list = parameters?.ToArray() ?? [];
        foreach (var parameter in list)
        {
            if (!MsrpCharacters.IsToken(parameter.Name) || (parameter.Value is not null && !MsrpCharacters.IsToken(parameter.Value)))
            {
                throw new ArgumentException($"Not a URI parameter: {parameter}", nameof(parameters));
            }
        }

        IsSecure = isSecure;
        UserInfo = userInfo;
        Host = bare;
        IsIPv6 = isIPv6;
        Port = port;
        SessionId = sessionId;
        Transport = transport;
        Parameters = list;
        comparableHost = comparable;
    }

    /// <summary><c>msrps</c>: the connection is TLS (RFC 4975 section 6).</summary>
    public bool IsSecure { get; }

    public string Scheme => IsSecure ? "msrps" : "msrp";

    /// <summary>The userinfo before <c>@</c>, which comparison ignores (RFC 4975 section 6.1).</summary>
    public string? UserInfo { get; }

    /// <summary>The host as written, an IPv6 address without its brackets.</summary>
    public string Host { get; }

    public bool IsIPv6 { get; }

    /// <summary>The port as written; null when the URI has none.</summary>
    public int? Port { get; }

    /// <summary>The port to connect to: the URI's, else the registered 2855 (RFC 4975 section 15.1).</summary>
    public int EffectivePort => Port ?? MsrpProtocol.DefaultPort;

    /// <summary>The session-id; null in a relay's URI that names no session (RFC 4976 AUTH To-Path).</summary>
    public string? SessionId { get; }

    /// <summary>The transport as written: <c>tcp</c>, or <c>ws</c> (RFC 7977) or another token.</summary>
    public string Transport { get; }

    public IReadOnlyList<MsrpUriParameter> Parameters { get; }

    /// <summary>Parses a URI; throws <see cref="MsrpParseException"/> (400) when it is not one.</summary>
    public static MsrpUri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var uri) ? uri : throw new MsrpParseException(400, "Malformed MSRP URI");
    }

    /// <summary>Parses a URI of either scheme, the scheme read case-insensitively (RFC 3986 section 3.1).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MsrpUri? uri)
    {
        uri = null;
        bool secure;
        if (text.StartsWith("msrp://", StringComparison.OrdinalIgnoreCase))
        {
            secure = false;
            text = text[7..];
        }
        else if (text.StartsWith("msrps://", StringComparison.OrdinalIgnoreCase))
        {
            secure = true;
            text = text[8..];
        }
        else
        {
            return false;
        }

        // Neither the session-id, the transport nor a parameter may hold "@": one is the end of the userinfo.
        string? userInfo = null;
        var at = text.IndexOf('@');
        if (at >= 0)
        {
            if (!MsrpCharacters.IsUserInfo(text[..at]))
            {
                return false;
            }

            userInfo = text[..at].ToString();
            text = text[(at + 1)..];
        }

        ReadOnlySpan<char> host;
        bool bracketed;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            bracketed = true;
            text = text[(close + 1)..];
        }
        else
        {
            var end = text.IndexOfAny(":/;");
            if (end < 0)
            {
                return false;
            }

            host = text[..end];
            bracketed = false;
            text = text[end..];
        }

        if (!TryClassifyHost(host, bracketed, out var isIPv6, out var comparable))
        {
            return false;
        }

        int? port = null;
        if (text.StartsWith(':'))
        {
            var end = text.IndexOfAny('/', ';');
            var digits = end < 0 ? text[1..] : text[1..end];
            if (digits.IsEmpty || digits.Length > 5 || digits.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            var value = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            if (value > 65535)
            {
                return false;
            }

            port = value;
            text = end < 0 ? [] : text[end..];
        }

        string? sessionId = null;
        if (text.StartsWith('/'))
        {
            var end = text.IndexOf(';');
            var id = end < 0 ? text[1..] : text[1..end];
            if (!MsrpCharacters.IsSessionId(id))
            {
                return false;
            }

            sessionId = id.ToString();
            text = end < 0 ? [] : text[end..];
        }

        // RFC 4975 section 6: the transport parameter is mandatory.
        if (!text.StartsWith(';'))
        {
            return false;
        }

        text = text[1..];
        var transportEnd = text.IndexOf(';');
        var transport = transportEnd < 0 ? text : text[..transportEnd];
        if (!MsrpCharacters.IsAlphaNum(transport))
        {
            return false;
        }

        var transportText = transport.Equals(Tcp, StringComparison.Ordinal) ? Tcp : transport.ToString();
        var parameters = new List<MsrpUriParameter>();
        text = transportEnd < 0 ? [] : text[transportEnd..];
        while (!text.IsEmpty)
        {
            text = text[1..]; // the ";"
            var end = text.IndexOf(';');
            var parameter = end < 0 ? text : text[..end];
            var equals = parameter.IndexOf('=');
            var name = equals < 0 ? parameter : parameter[..equals];
            if (!MsrpCharacters.IsToken(name) || (equals >= 0 && !MsrpCharacters.IsToken(parameter[(equals + 1)..])))
            {
                return false;
            }

            parameters.Add(new MsrpUriParameter(name.ToString(), equals < 0 ? null : parameter[(equals + 1)..].ToString()));
            text = end < 0 ? [] : text[end..];
        }

        uri = new MsrpUri(secure, userInfo, host.ToString(), isIPv6, comparable, port, sessionId, transportText, parameters);
        return true;
    }

    private MsrpUri(
        bool isSecure,
        string? userInfo,
        string host,
        bool isIPv6,
        string comparableHost,
        int? port,
        string? sessionId,
        string transport,
        IReadOnlyList<MsrpUriParameter> parameters)
    {
        IsSecure = isSecure;
        UserInfo = userInfo;
        Host = host;
        IsIPv6 = isIPv6;
        this.comparableHost = comparableHost;
        Port = port;
        SessionId = sessionId;
        Transport = transport;
        Parameters = parameters;
    }

    /// <summary>
    /// RFC 4975 section 6.1: the scheme must match; an IP address is compared as an address and a host name
    /// case-insensitively, with percent-encoded unreserved characters decoded; a port must be equal, and a URI with an
    /// explicit port is never equal to one without, even 2855; the session-id is compared case-sensitively; the
    /// transport case-insensitively. The userinfo and the other parameters are ignored.
    /// </summary>
    public bool Equals(MsrpUri? other)
        => other is not null
           && IsSecure == other.IsSecure
           && string.Equals(comparableHost, other.comparableHost, StringComparison.Ordinal)
           && Port == other.Port
           && string.Equals(SessionId, other.SessionId, StringComparison.Ordinal)
           && string.Equals(Transport, other.Transport, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is MsrpUri other && Equals(other);

    public override int GetHashCode()
        => HashCode.Combine(IsSecure, comparableHost, Port, SessionId, StringComparer.OrdinalIgnoreCase.GetHashCode(Transport));

    public static bool operator ==(MsrpUri? left, MsrpUri? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(MsrpUri? left, MsrpUri? right) => !(left == right);

    /// <summary>The URI as it goes in a path header or an SDP <c>a=path</c>.</summary>
    public override string ToString() => text ??= Format();

    private string Format()
    {
        var builder = new StringBuilder(64);
        builder.Append(Scheme).Append("://");
        if (UserInfo is not null)
        {
            builder.Append(UserInfo).Append('@');
        }

        if (IsIPv6)
        {
            builder.Append('[').Append(Host).Append(']');
        }
        else
        {
            builder.Append(Host);
        }

        if (Port is { } port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        if (SessionId is not null)
        {
            builder.Append('/').Append(SessionId);
        }

        builder.Append(';').Append(Transport);
        foreach (var parameter in Parameters)
        {
            builder.Append(';').Append(parameter.Name);
            if (parameter.Value is not null)
            {
                builder.Append('=').Append(parameter.Value);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Checks a host and gives the form it is compared in: an address in its canonical text, a name in lower case
    /// with percent-encoded unreserved characters decoded (RFC 3986 section 6.2.2).
    /// </summary>
    private static bool TryClassifyHost(ReadOnlySpan<char> host, bool bracketed, out bool isIPv6, out string comparable)
    {
        isIPv6 = false;
        comparable = string.Empty;
        if (bracketed)
        {
            // IP-literal = "[" IPv6address "]"; IPvFuture is not used by MSRP. Zone ids are not allowed in a URI path.
            if (host.IsEmpty || host.ContainsAnyExcept(IPv6Chars)
                || !IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            isIPv6 = true;
            comparable = "[" + v6 + "]";
            return true;
        }

        if (!MsrpCharacters.IsRegName(host))
        {
            return false;
        }

        if (IsDottedQuad(host))
        {
            comparable = IPAddress.Parse(host).ToString();
            return true;
        }

        comparable = NormalizeName(host);
        return true;
    }

    // IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet (RFC 3986 section 3.2.2); anything else is a name.
    private static bool IsDottedQuad(ReadOnlySpan<char> host)
    {
        var parts = 0;
        foreach (var range in host.Split('.'))
        {
            var part = host[range];
            if (part.IsEmpty || part.Length > 3 || part.ContainsAnyExceptInRange('0', '9') || (part.Length > 1 && part[0] == '0')
                || int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }

            parts++;
        }

        return parts == 4;
    }

    private static string NormalizeName(ReadOnlySpan<char> host)
    {
        var builder = new StringBuilder(host.Length);
        for (var i = 0; i < host.Length; i++)
        {
            if (host[i] == '%')
            {
                var decoded = (char)int.Parse(host.Slice(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (MsrpCharacters.IsUnreserved(decoded))
                {
                    builder.Append(char.ToLowerInvariant(decoded));
                }
                else
                {
                    builder.Append('%').Append(char.ToUpperInvariant(host[i + 1])).Append(char.ToUpperInvariant(host[i + 2]));
                }

                i += 2;
            }
            else
            {
                builder.Append(char.ToLowerInvariant(host[i]));
            }
        }

        return builder.ToString();
    }
}
