namespace SimpleActors.Sip.Sdp;

/// <summary>
/// The parts of an MSRP URI that SDP negotiation needs: where it points and its session-id (RFC 4975 section 6:
/// <c>msrp[s]://[userinfo@]host[:port][/session-id];transport[;params]</c>). Read leniently, as text from a=path; the
/// full URI type, with comparison by RFC 4975 section 6.1, belongs to SimpleActors.Msrp.
/// </summary>
internal readonly record struct MsrpPathUri(bool Secure, string Host, int? Port, string? SessionId, string? Transport)
{
    /// <summary>The port to connect to: the URI's, else the registered 2855 (RFC 4975 section 15.1).</summary>
    public int PortOrDefault => Port ?? 2855;

    /// <summary>
    /// RFC 4975 section 6.1: the same scheme; host, port (2855 when absent) and transport without case; the session-id
    /// with case; userinfo ignored.
    /// </summary>
    public bool SameAs(MsrpPathUri other)
        => Secure == other.Secure
            && Host.Equals(other.Host, StringComparison.OrdinalIgnoreCase)
            && PortOrDefault == other.PortOrDefault
            && string.Equals(SessionId, other.SessionId, StringComparison.Ordinal)
            && string.Equals(Transport, other.Transport, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a URI already checked (a path of <see cref="MsrpMedia"/>).</summary>
    public static MsrpPathUri Parse(string text)
        => TryParse(text, out var uri) ? uri : throw new ArgumentException($"'{text}' is not an msrp:// or msrps:// URI", nameof(text));

    public static bool TryParse(string text, out MsrpPathUri uri)
    {
        uri = default;
        var s = text.AsSpan();
        bool secure;
        if (s.StartsWith("msrp://", StringComparison.OrdinalIgnoreCase))
        {
            secure = false;
            s = s[7..];
        }
        else if (s.StartsWith("msrps://", StringComparison.OrdinalIgnoreCase))
        {
            secure = true;
            s = s[8..];
        }
        else
        {
            return false;
        }

        if (s.ContainsAnyInRange('\0', ' ') || s.Contains('\x7F'))
        {
            return false;
        }

        var end = s.IndexOfAny('/', ';');
        var authority = end < 0 ? s : s[..end];
        var rest = end < 0 ? [] : s[end..];
        var hostPort = authority[(authority.LastIndexOf('@') + 1)..];
        ReadOnlySpan<char> host;
        ReadOnlySpan<char> port;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']');
            if (close < 2)
            {
                return false;
            }

            host = hostPort[..(close + 1)];
            var after = hostPort[(close + 1)..];
            if (!after.IsEmpty && after[0] != ':')
            {
                return false;
            }

            port = after.IsEmpty ? [] : after[1..];
            if (after.Length == 1)
            {
                return false;
            }
        }
        else
        {
            var colon = hostPort.IndexOf(':');
            host = colon < 0 ? hostPort : hostPort[..colon];
            port = colon < 0 ? [] : hostPort[(colon + 1)..];
            if (colon >= 0 && port.IsEmpty)
            {
                return false;
            }
        }

        if (host.IsEmpty || host.ContainsAny("[]@") && !host.StartsWith('['))
        {
            return false;
        }

        int? portNumber = null;
        if (!port.IsEmpty)
        {
            if (!SdpFields.TryParseNumber(port.ToString(), 5, out var number) || number > 65535)
            {
                return false;
            }

            portNumber = (int)number;
        }

        string? sessionId = null;
        if (rest.StartsWith('/'))
        {
            var semicolon = rest.IndexOf(';');
            var id = semicolon < 0 ? rest[1..] : rest[1..semicolon];
            sessionId = id.IsEmpty ? null : id.ToString();
            rest = semicolon < 0 ? [] : rest[semicolon..];
        }

        string? transport = null;
        if (rest.StartsWith(';'))
        {
            var next = rest[1..].IndexOf(';');
            var t = next < 0 ? rest[1..] : rest[1..(next + 1)];
            transport = t.IsEmpty ? null : t.ToString();
        }

        uri = new MsrpPathUri(secure, host.ToString(), portNumber, sessionId, transport);
        return true;
    }
}
