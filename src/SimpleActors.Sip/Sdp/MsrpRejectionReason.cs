namespace SimpleActors.Sip.Sdp;

/// <summary>Why an MSRP offer cannot be answered with a working stream.</summary>
public enum MsrpRejectionReason
{
    /// <summary>The media description is not MSRP (another media, or MSRP over WebSocket, RFC 7977, which is not served).</summary>
    NotMsrp,

    /// <summary>The offer is MSRP over TCP and this end's URI is msrps://, or the other way round (the answer keeps the offer's proto).</summary>
    TransportMismatch,

    /// <summary>The MSRP attributes cannot be used: no a=path, a bad path URI, no a=accept-types, a bad a=setup or a=max-size.</summary>
    InvalidMedia,

    /// <summary>
    /// The two accept-types lists share no type: neither end could send the other anything. MSRP answers such a
    /// message 415 (RFC 4975 section 7.3.1); in SDP the stream is refused.
    /// </summary>
    NoCommonMediaType,

    /// <summary>The offer has port 0: the stream is removed (RFC 3264 section 8.2), and the answer has port 0 too.</summary>
    StreamRemoved,
}
