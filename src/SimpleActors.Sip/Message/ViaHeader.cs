using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>
/// One Via header value (RFC 3261 sections 20.42 and 18.2.1, RFC 3581 for rport):
/// <c>sent-protocol LWS sent-by *( SEMI via-params )</c>.
/// </summary>
public sealed class ViaHeader
{
    /// <summary>The RFC 3261 branch prefix (section 8.1.1.7).</summary>
    public const string MagicCookie = "z9hG4bK";

    /// <summary>A <c>SIP/2.0/transport host[:port]</c> value; the host may be a name, IPv4 or bracketed IPv6.</summary>
    public ViaHeader(string transport, string host, int? port, GenericParameters? parameters = null)
        : this("SIP", "2.0", CheckTransport(transport), CheckHost(host), CheckPort(port), parameters ?? GenericParameters.Empty)
    {
        ValidateParameters(Parameters);
    }

    private ViaHeader(string protocolName, string protocolVersion, string transport, string host, int? port, GenericParameters parameters)
    {
        ProtocolName = protocolName;
        ProtocolVersion = protocolVersion;
        Transport = transport.ToUpperInvariant();
        Host = host;
        Port = port;
        Parameters = parameters;
    }

    public string ProtocolName { get; }

    public string ProtocolVersion { get; }

    /// <summary>The transport in upper case (UDP, TCP, TLS, SCTP, WS, WSS ...).</summary>
    public string Transport { get; }

    /// <summary>The sent-by host in lower case; an IPv6 reference keeps its brackets.</summary>
    public string Host { get; }

    public int? Port { get; }

    public GenericParameters Parameters { get; }

    public string? Branch => Parameters["branch"];

    /// <summary>True when the branch starts with the RFC 3261 magic cookie <c>z9hG4bK</c>.</summary>
    public bool HasMagicCookieBranch => Branch is { } b && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    /// <summary>The <c>received</c> address as written (RFC 5118 section 4.5: IPv6 with or without brackets).</summary>
    public string? Received => Parameters["received"];

    /// <summary>True when the <c>rport</c> parameter is present, with or without a value (RFC 3581).</summary>
    public bool HasRport => Parameters.Contains("rport");

    /// <summary>The <c>rport</c> value; null when absent or present without a value.</summary>
    public int? Rport => Parameters["rport"] is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;

    public string? Maddr => Parameters["maddr"];

    public int? Ttl => Parameters["ttl"] is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;

    public static ViaHeader Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var s = value.AsSpan();
        var i = SipToken.SkipWhitespace(s, 0);

        // sent-protocol = protocol-name SLASH protocol-version SLASH transport; SLASH = SWS "/" SWS
        var name = ReadToken(s, ref i, "protocol name");
        Expect(s, ref i, '/');
        var version = ReadToken(s, ref i, "protocol version");
        Expect(s, ref i, '/');
        var transport = ReadToken(s, ref i, "transport");

        var hostStart = i;
        i = SipToken.SkipWhitespace(s, i);
        if (i == hostStart)
        {
            SipParseError.BadRequest("Missing white space before Via sent-by");
        }

        // sent-by = host [ COLON port ]; COLON = SWS ":" SWS
        var host = SipUri.ParseHost(s, ref i);
        int? port = null;
        var afterHost = SipToken.SkipWhitespace(s, i);
        if (afterHost < s.Length && s[afterHost] == ':')
        {
            i = SipToken.SkipWhitespace(s, afterHost + 1);
            port = SipUri.ParsePort(s, ref i);
        }

        var parameters = GenericParameters.ParseHeaderParameters(s, ref i);
        if (i != s.Length)
        {
            SipParseError.BadRequest("Unexpected text in Via");
        }

        ValidateParameters(parameters);
        return new ViaHeader(name, version, transport, host, port, parameters);
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out ViaHeader? result) => SipValue.TryParse(value, Parse, out result);

    /// <summary>A copy with <c>received</c> set (RFC 3261 section 18.2.1); an IPv6 address is written without brackets.</summary>
    public ViaHeader WithReceived(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bare = address.Length > 2 && address[0] == '[' && address[^1] == ']' ? address[1..^1] : address;
        if (!SipUri.IsIPv6Address(bare) && !SipUri.IsIPv4Address(bare))
        {
            throw new ArgumentException($"'{address}' is not an IP address", nameof(address));
        }

        return WithParameters(Parameters.With("received", bare));
    }

    /// <summary>A copy with <c>rport</c> set to the source port (RFC 3581 section 4).</summary>
    public ViaHeader WithRport(int port)
    {
        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port));
        }

        return WithParameters(Parameters.With("rport", port.ToString(CultureInfo.InvariantCulture)));
    }

    public ViaHeader WithBranch(string branch) => WithParameters(Parameters.With("branch", branch));

    public ViaHeader WithParameters(GenericParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ValidateParameters(parameters);
        return new ViaHeader(ProtocolName, ProtocolVersion, Transport, Host, Port, parameters);
    }

    public override string ToString()
    {
        var sb = new StringBuilder(96);
        sb.Append(ProtocolName).Append('/').Append(ProtocolVersion).Append('/').Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        Parameters.AppendTo(sb);
        return sb.ToString();
    }

    private static string CheckTransport(string transport) =>
        SipToken.IsTokenString(transport) ? transport : throw new ArgumentException($"Transport '{transport}' is not a token", nameof(transport));

    private static string CheckHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var i = 0;
        try
        {
            var normalized = SipUri.ParseHost(host, ref i);
            if (i == host.Length)
            {
                return normalized;
            }
        }
        catch (SipParseException)
        {
        }

        throw new ArgumentException($"'{host}' is not a host", nameof(host));
    }

    private static int? CheckPort(int? port) => port is < 0 or > 65535 ? throw new ArgumentOutOfRangeException(nameof(port)) : port;

    private static string ReadToken(ReadOnlySpan<char> s, ref int i, string what)
    {
        var end = SipToken.ScanToken(s, i);
        if (end == i)
        {
            SipParseError.BadRequest($"Missing Via {what}");
        }

        var token = s[i..end].ToString();
        i = end;
        return token;
    }

    private static void Expect(ReadOnlySpan<char> s, ref int i, char c)
    {
        i = SipToken.SkipWhitespace(s, i);
        if (i >= s.Length || s[i] != c)
        {
            SipParseError.BadRequest($"Expected '{c}' in Via");
        }

        i = SipToken.SkipWhitespace(s, i + 1);
    }

    private static void ValidateParameters(GenericParameters parameters)
    {
        foreach (var p in parameters)
        {
            switch (p.Name.ToLowerInvariant())
            {
                case "ttl" when !IsNumber(p.Value, 3, 255):
                    SipParseError.BadRequest("Invalid Via ttl");
                    break;
                case "rport" when p.Value is not null && !IsNumber(p.Value, 5, 65535):
                    SipParseError.BadRequest("Invalid Via rport");
                    break;
                case "branch" when p.Value is null || !SipToken.IsTokenString(p.Value):
                    SipParseError.BadRequest("Invalid Via branch");
                    break;
                case "received" when !IsAddress(p.Value):
                    SipParseError.BadRequest("Invalid Via received");
                    break;
                case "maddr" when p.Value is null || !IsHost(p.Value):
                    SipParseError.BadRequest("Invalid Via maddr");
                    break;
            }
        }

        static bool IsNumber(string? v, int maxDigits, int max) =>
            v is { Length: > 0 } && v.Length <= maxDigits && !v.AsSpan().ContainsAnyExceptInRange('0', '9')
            && int.Parse(v, CultureInfo.InvariantCulture) <= max;

        // via-received = "received" EQUAL (IPv4address / IPv6address); RFC 5118 section 4.5 tolerates brackets.
        static bool IsAddress(string? v)
        {
            if (v is null)
            {
                return false;
            }

            var bare = v.Length > 2 && v[0] == '[' && v[^1] == ']' ? v.AsSpan(1, v.Length - 2) : v.AsSpan();
            return SipUri.IsIPv4Address(bare) || SipUri.IsIPv6Address(bare);
        }

        static bool IsHost(string v)
        {
            var i = 0;
            try
            {
                SipUri.ParseHost(v, ref i);
                return i == v.Length;
            }
            catch (SipParseException)
            {
                return false;
            }
        }
    }
}
