namespace SimpleActors.Sip.Transport;

/// <summary>A SIP transport (RFC 3261 section 18, RFC 7118 for WebSocket).</summary>
public enum SipTransport
{
    Udp,
    Tcp,
    Tls,
    Ws,

    /// <summary>Secure WebSocket (RFC 7118 section 5: Via transport <c>WSS</c>).</summary>
    Wss,
}
