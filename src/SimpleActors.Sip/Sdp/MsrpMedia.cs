using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SimpleActors.Sip.Sdp;

/// <summary>
/// A media description read as MSRP (RFC 4975 section 8): <c>m=message &lt;port&gt; TCP/MSRP *</c> or
/// <c>TCP/TLS/MSRP *</c> with its <c>a=path</c>, <c>a=accept-types</c>, <c>a=accept-wrapped-types</c>,
/// <c>a=max-size</c>, <c>a=setup</c> (RFC 6135), <c>a=msrp-cema</c> (RFC 6714), <c>a=chatroom</c> (RFC 7701) and
/// direction attributes. A view: the <see cref="Description"/> is kept whole, and the <c>With</c> functions change
/// only the lines they are about.
/// </summary>
public sealed class MsrpMedia
{
    /// <summary>The media of an MSRP m= line (RFC 4975 section 8.1).</summary>
    public const string MediaName = "message";

    /// <summary>MSRP over TCP.</summary>
    public const string TcpProto = "TCP/MSRP";

    /// <summary>MSRP over TLS.</summary>
    public const string TlsProto = "TCP/TLS/MSRP";

    private readonly string[] path;
    private readonly string[] acceptTypes;
    private readonly string[] acceptWrappedTypes;
    private readonly string[]? chatRoom;
    private readonly SdpConnection? sessionConnection;
    private readonly bool hasDirection;

    private MsrpMedia(MediaDescription description, SdpConnection? sessionConnection, string[] path, string[] acceptTypes, string[] acceptWrappedTypes)
    {
        Description = description;
        this.sessionConnection = sessionConnection;
        this.path = path;
        this.acceptTypes = acceptTypes;
        this.acceptWrappedTypes = acceptWrappedTypes;
        foreach (var attribute in description.Attributes)
        {
            if (attribute.Is("max-size") && MaxSize is null)
            {
                SdpFields.TryParseNumber(attribute.Value?.Trim() ?? "", 18, out var size);
                MaxSize = size;
            }
            else if (attribute.Is("setup") && Setup is null && SetupRoleText.TryParse(attribute.Value ?? "", out var role))
            {
                Setup = role;
            }
            else if (attribute.Is("msrp-cema"))
            {
                Cema = true;
            }
            else if (attribute.Is("chatroom") && chatRoom is null)
            {
                chatRoom = SdpFields.Split(attribute.Value ?? "");
            }
            else if (!hasDirection && MediaDirectionText.TryParse(attribute, out var direction))
            {
                Direction = direction;
                hasDirection = true;
            }
        }
    }

    /// <summary>The media description this view reads; every line of it, understood or not.</summary>
    public MediaDescription Description { get; }

    /// <summary>The m= port. RFC 4975 section 8.1: not where to connect (a=path is), except under CEMA.</summary>
    public int Port => Description.MediaLine.Port;

    /// <summary><see cref="TcpProto"/> or <see cref="TlsProto"/>, as written.</summary>
    public string Proto => Description.MediaLine.Proto;

    /// <summary>True for TCP/TLS/MSRP.</summary>
    public bool IsTls => Proto.Equals(TlsProto, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The <c>a=path</c> URIs, in order (RFC 4975 section 8.2): relays first, the endpoint's own URI last. Kept as text
    /// (each starts with msrp:// or msrps://); the MSRP URI type lives in SimpleActors.Msrp.
    /// </summary>
    public IReadOnlyList<string> Path => path;

    /// <summary>The last URI of the path: the endpoint's own (RFC 4975 section 8.2).</summary>
    public string EndpointUri => path[^1];

    /// <summary>The first URI of the path: where the other end sends to (a relay, or the endpoint itself).</summary>
    public string FirstHop => path[0];

    /// <summary>The types this endpoint accepts (RFC 4975 section 8.6; mandatory).</summary>
    public IReadOnlyList<string> AcceptTypes => acceptTypes;

    /// <summary>The types this endpoint accepts only inside a wrapper such as message/cpim; empty when absent.</summary>
    public IReadOnlyList<string> AcceptWrappedTypes => acceptWrappedTypes;

    /// <summary>The largest message this endpoint takes, in octets (RFC 4975 section 8.6); null when not said.</summary>
    public long? MaxSize { get; }

    /// <summary>The <c>a=setup</c> role (RFC 6135); null when absent, which means RFC 4975's default roles.</summary>
    public SetupRole? Setup { get; }

    /// <summary>True when <c>a=msrp-cema</c> is present (RFC 6714).</summary>
    public bool Cema { get; }

    /// <summary>The <c>a=chatroom</c> tokens (RFC 7701: nickname, private-messages ...); null when absent.</summary>
    public IReadOnlyList<string>? ChatRoom => chatRoom;

    /// <summary>The direction attribute; <see cref="MediaDirection.SendRecv"/> when there is none.</summary>
    public MediaDirection Direction { get; } = MediaDirection.SendRecv;

    /// <summary>The c= line that applies: the media description's own, else the session's it was read with.</summary>
    public SdpConnection? Connection => Description.Connection ?? sessionConnection;

    /// <summary>How a message of <paramref name="mediaType"/> may go to this endpoint (RFC 4975 section 8.6).</summary>
    public MessageAcceptance Accepts(string mediaType) => Sdp.AcceptTypes.Check(acceptTypes, acceptWrappedTypes, mediaType);

    /// <summary>True for <c>m=message</c> with proto TCP/MSRP or TCP/TLS/MSRP (RFC 4975 section 8.1).</summary>
    public static bool IsMsrp(MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        var line = media.MediaLine;
        return line.Media.Equals(MediaName, StringComparison.OrdinalIgnoreCase)
            && (line.Proto.Equals(TcpProto, StringComparison.OrdinalIgnoreCase) || line.Proto.Equals(TlsProto, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads media description <paramref name="index"/> of <paramref name="description"/>, with the session's c= line.</summary>
    /// <exception cref="SdpFormatException">It is not usable MSRP media.</exception>
    public static MsrpMedia Read(SessionDescription description, int index)
    {
        ArgumentNullException.ThrowIfNull(description);
        return Read(description.Media[index], description.Connection);
    }

    /// <summary>Reads <paramref name="media"/> as MSRP; <paramref name="sessionConnection"/> is the session-level c= line, if any.</summary>
    /// <exception cref="SdpFormatException">It is not usable MSRP media (see <see cref="TryRead"/>).</exception>
    public static MsrpMedia Read(MediaDescription media, SdpConnection? sessionConnection = null)
        => TryRead(media, sessionConnection, out var msrp, out var problem) ? msrp : SdpError.Throw<MsrpMedia>(problem);

    /// <summary>
    /// Reads <paramref name="media"/> as MSRP, or says why it cannot: not m=message with an MSRP proto, port 0 (a
    /// rejected or removed stream), no <c>a=path</c> or a path URI that is not msrp:// or msrps://, no
    /// <c>a=accept-types</c>, a <c>a=max-size</c> that is not a number, or an unknown <c>a=setup</c> role.
    /// </summary>
    public static bool TryRead(MediaDescription media, SdpConnection? sessionConnection, [NotNullWhen(true)] out MsrpMedia? msrp, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(media);
        msrp = null;
        problem = Check(media, out var path, out var acceptTypes, out var wrapped);
        if (problem is not null)
        {
            return false;
        }

        msrp = new MsrpMedia(media, sessionConnection, path, acceptTypes, wrapped);
        return true;
    }

    private static string? Check(MediaDescription media, out string[] path, out string[] acceptTypes, out string[] wrapped)
    {
        path = acceptTypes = wrapped = [];
        if (!IsMsrp(media))
        {
            return $"not MSRP media: m={media.MediaLine} (RFC 4975 section 8.1: m=message <port> TCP/MSRP or TCP/TLS/MSRP)";
        }

        if (media.MediaLine.Port == 0)
        {
            return "port 0: the stream is rejected or removed (RFC 3264 section 6)";
        }

        // RFC 4975 section 8.2: a=path holds one or more MSRP URIs separated by spaces.
        path = SdpFields.Split(media.Attribute("path")?.Value ?? "");
        if (path.Length == 0)
        {
            return "a=path is missing or empty (RFC 4975 section 8.2)";
        }

        if (Array.Find(path, uri => !MsrpPathUri.TryParse(uri, out _)) is { } bad)
        {
            return $"a=path holds '{bad}', not an msrp:// or msrps:// URI";
        }

        // RFC 4975 section 8.6: accept-types is mandatory.
        acceptTypes = SdpFields.Split(media.Attribute("accept-types")?.Value ?? "");
        if (acceptTypes.Length == 0)
        {
            return "a=accept-types is missing or empty (RFC 4975 section 8.6)";
        }

        wrapped = SdpFields.Split(media.Attribute("accept-wrapped-types")?.Value ?? "");
        if (media.Attribute("max-size") is { } maxSize && !SdpFields.TryParseNumber(maxSize.Value?.Trim() ?? "", 18, out _))
        {
            return $"a=max-size:{maxSize.Value} is not a number of octets";
        }

        if (media.Attribute("setup") is { } setup && !SetupRoleText.TryParse(setup.Value ?? "", out _))
        {
            return $"a=setup:{setup.Value} is not active, passive, actpass or holdconn (RFC 4145 section 4)";
        }

        return null;
    }

    /// <summary>This media with <c>a=path</c> set to <paramref name="uris"/>, in place.</summary>
    /// <exception cref="ArgumentException">The list is empty or holds something that is not an msrp:// or msrps:// URI.</exception>
    public MsrpMedia WithPath(IEnumerable<string> uris)
    {
        var list = CheckPath(uris);
        return Read(Description.WithAttribute(new SdpAttribute("path", string.Join(' ', list))), sessionConnection);
    }

    /// <summary>
    /// This media with <paramref name="relayUris"/> put in front of its path (RFC 4976 section 5.1: the URIs of the
    /// relay's Use-Path go before the endpoint's own, in order). The c=/m= lines are left alone; under CEMA follow
    /// with <see cref="WithTransportAddressOfFirstHop"/>.
    /// </summary>
    public MsrpMedia WithRelays(IEnumerable<string> relayUris)
    {
        ArgumentNullException.ThrowIfNull(relayUris);
        return WithPath(relayUris.Concat(path));
    }

    /// <summary>
    /// This media with its own c= line for <paramref name="address"/> and <paramref name="port"/> on its m= line: what a
    /// middlebox anchoring the connection writes (RFC 6714), and what a CEMA endpoint aligns with its first hop.
    /// </summary>
    public MsrpMedia WithTransportAddress(string address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Read(Description.WithConnection(SdpConnection.For(address)).WithPort(port), sessionConnection);
    }

    /// <summary>
    /// This media with c= and m= set to the host and port of the first URI of its path (RFC 6714: a CEMA
    /// endpoint puts the address of its first hop, relay or itself, in c= and m=).
    /// </summary>
    public MsrpMedia WithTransportAddressOfFirstHop()
    {
        var hop = MsrpPathUri.Parse(FirstHop);
        return WithTransportAddress(hop.Host, hop.PortOrDefault);
    }

    /// <summary>Builds MSRP media from its parts, in the order RFC 4975's examples use.</summary>
    internal static MsrpMedia Create(
        int port,
        string proto,
        SdpConnection? connection,
        IReadOnlyList<string> path,
        IReadOnlyList<string> acceptTypes,
        IReadOnlyList<string> acceptWrappedTypes,
        long? maxSize,
        SetupRole? setup,
        bool cema,
        IReadOnlyList<string>? chatRoom,
        MediaDirection direction)
    {
        var lines = new List<SdpLine>();
        if (connection is not null)
        {
            lines.Add(connection.ToLine());
        }

        lines.Add(new SdpAttribute("accept-types", string.Join(' ', acceptTypes)).ToLine());
        if (acceptWrappedTypes.Count > 0)
        {
            lines.Add(new SdpAttribute("accept-wrapped-types", string.Join(' ', acceptWrappedTypes)).ToLine());
        }

        if (maxSize is { } size)
        {
            lines.Add(new SdpAttribute("max-size", size.ToString(CultureInfo.InvariantCulture)).ToLine());
        }

        lines.Add(new SdpAttribute("path", string.Join(' ', path)).ToLine());
        if (setup is { } role)
        {
            lines.Add(new SdpAttribute("setup", role.ToToken()).ToLine());
        }

        if (cema)
        {
            lines.Add(new SdpAttribute("msrp-cema").ToLine());
        }

        if (chatRoom is { Count: > 0 })
        {
            lines.Add(new SdpAttribute("chatroom", string.Join(' ', chatRoom)).ToLine());
        }

        if (direction != MediaDirection.SendRecv)
        {
            lines.Add(new SdpAttribute(direction.ToToken()).ToLine());
        }

        return Read(MediaDescription.Create(new SdpMediaLine(MediaName, port, proto, ["*"]), lines));
    }

    internal static string[] CheckPath(IEnumerable<string> uris)
    {
        ArgumentNullException.ThrowIfNull(uris);
        var list = uris.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("An MSRP path needs at least one URI", nameof(uris));
        }

        if (Array.Find(list, uri => uri is null || !MsrpPathUri.TryParse(uri, out _)) is { } bad)
        {
            throw new ArgumentException($"'{bad}' is not an msrp:// or msrps:// URI", nameof(uris));
        }

        return list;
    }
}
