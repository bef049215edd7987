namespace SimpleActors.Sip.Sdp;

/// <summary>
/// What this end puts in its MSRP offer or answer: its path (relays first, its own URI last), what it accepts, and
/// how it likes to connect.
/// </summary>
public sealed record MsrpEndpointParameters
{
    /// <summary>
    /// The a=path to send: the relays' Use-Path URIs (RFC 4976 section 5.1), then this end's own URI, whose session-id
    /// must be unguessable (RFC 4975 section 6). The own URI's scheme chooses the proto: msrps:// for TCP/TLS/MSRP.
    /// </summary>
    public required IReadOnlyList<string> Path { get; init; }

    /// <summary>The types this end accepts (RFC 4975 section 8.6): types, <c>type/*</c> ranges or <c>*</c>.</summary>
    public required IReadOnlyList<string> AcceptTypes { get; init; }

    /// <summary>The types this end accepts inside message/cpim only; sent when message/cpim is accepted.</summary>
    public IReadOnlyList<string> AcceptWrappedTypes { get; init; } = [];

    /// <summary>The largest message this end takes, for a=max-size; null to leave it out.</summary>
    public long? MaxSize { get; init; }

    /// <summary>The role this end takes when an offer says actpass: <see cref="SetupRole.Passive"/> (RFC 4975's flow, the offerer connects) or <see cref="SetupRole.Active"/>.</summary>
    public SetupRole AnswerSetup { get; init; } = SetupRole.Passive;

    /// <summary>True when this end implements CEMA (RFC 6714): a=msrp-cema in an offer, echoed in an answer when offered.</summary>
    public bool SupportsCema { get; init; }

    /// <summary>The m= port; null for the port of the path's first URI (or 9, discard, when this end is active, RFC 4145 section 4).</summary>
    public int? Port { get; init; }

    /// <summary>The c= line; null for none in the media (or, under CEMA, the first hop's address, RFC 6714).</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>The a=chatroom tokens of a conference focus (RFC 7701); null to leave it out.</summary>
    public IReadOnlyList<string>? ChatRoom { get; init; }

    /// <summary>The direction this end wants; an answer narrows it to what the offer allows (RFC 3264 section 6.1).</summary>
    public MediaDirection Direction { get; init; } = MediaDirection.SendRecv;

    /// <summary>TCP/TLS/MSRP when the own URI is msrps://, else TCP/MSRP.</summary>
    public string Proto => MsrpPathUri.Parse(MsrpMedia.CheckPath(Path)[^1]).Secure ? MsrpMedia.TlsProto : MsrpMedia.TcpProto;

    /// <summary>Throws <see cref="ArgumentException"/> when the parameters cannot make MSRP media.</summary>
    internal void Validate()
    {
        MsrpMedia.CheckPath(Path);
        if (AcceptTypes is null || AcceptTypes.Count == 0 || !AcceptTypes.All(SdpFields.IsField))
        {
            throw new ArgumentException("a=accept-types needs at least one type, without spaces", nameof(AcceptTypes));
        }

        if (AcceptWrappedTypes is null || !AcceptWrappedTypes.All(SdpFields.IsField))
        {
            throw new ArgumentException("a=accept-wrapped-types entries cannot hold spaces", nameof(AcceptWrappedTypes));
        }

        if (ChatRoom is not null && !ChatRoom.All(SdpFields.IsField))
        {
            throw new ArgumentException("a=chatroom tokens cannot hold spaces", nameof(ChatRoom));
        }

        if (AnswerSetup is not (SetupRole.Active or SetupRole.Passive))
        {
            throw new ArgumentException("An answer to actpass is active or passive (RFC 6135)", nameof(AnswerSetup));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxSize ?? 0, nameof(MaxSize));
        if (Port is { } port)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(port, nameof(Port));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535, nameof(Port));
        }
    }
}
