namespace SimpleActors.Sip.Sdp;

/// <summary>
/// What a finished MSRP offer/answer gives the MSRP session (<see cref="MsrpOfferAnswer.Conclude"/>): the URIs to match
/// the first request of a connection against (RFC 4975 section 5.4), whether this end connects and where, and what the
/// peer accepts.
/// </summary>
public sealed record MsrpNegotiation
{
    /// <summary>This end's own URI, the last of its a=path: the To-Path of requests that reach it (RFC 4975 section 5.4).</summary>
    public required string LocalUri { get; init; }

    /// <summary>The session-id of <see cref="LocalUri"/>; null when it has none.</summary>
    public string? LocalSessionId { get; init; }

    /// <summary>The peer's a=path, its own URI last: the From-Path its first request must carry (RFC 4975 section 5.4).</summary>
    public required IReadOnlyList<string> PeerPath { get; init; }

    /// <summary>The peer's own URI, the last of its path.</summary>
    public string PeerUri => PeerPath[^1];

    /// <summary>The session-id of <see cref="PeerUri"/>; null when it has none.</summary>
    public string? PeerSessionId { get; init; }

    /// <summary>
    /// True when both ends said a=msrp-cema (RFC 6714): connect to the peer's c=/m= address, and match the first request
    /// by the session-ids of To-Path and From-Path only (RFC 6714), since a middlebox may have changed the rest.
    /// </summary>
    public bool Cema { get; init; }

    /// <summary>Who opens the connection, from the a=setup pair (RFC 6135).</summary>
    public required ConnectionDecision Connection { get; init; }

    /// <summary>True when this end opens the connection (and sends the first SEND, RFC 4975 section 5.4).</summary>
    public bool LocalConnects { get; init; }

    /// <summary>
    /// Where to connect when <see cref="LocalConnects"/>: the peer's c=/m= under CEMA, else the first URI of the peer's
    /// path (RFC 4975 section 8.1; port 2855 when the URI has none). Null when the peer connects. When this end uses a
    /// relay of its own, it connects to the relay instead (RFC 4976), which is the session's business.
    /// </summary>
    public MsrpConnectTarget? ConnectTo { get; init; }

    /// <summary>The peer's a=accept-types.</summary>
    public required IReadOnlyList<string> PeerAcceptTypes { get; init; }

    /// <summary>The peer's a=accept-wrapped-types.</summary>
    public IReadOnlyList<string> PeerAcceptWrappedTypes { get; init; } = [];

    /// <summary>The peer's a=max-size; null when not said.</summary>
    public long? PeerMaxSize { get; init; }

    /// <summary>Why the exchange does not hold together (an invalid a=setup pair, the answer changed the proto); null when it does.</summary>
    public string? Problem { get; init; }

    public bool IsValid => Problem is null;

    /// <summary>How a message of <paramref name="mediaType"/> may go to the peer (RFC 4975 section 8.6).</summary>
    public MessageAcceptance PeerAccepts(string mediaType) => AcceptTypes.Check(PeerAcceptTypes, PeerAcceptWrappedTypes, mediaType);
}
