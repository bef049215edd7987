namespace SimpleActors.Edge.Configuration;

/// <summary>The transport of a SIP listener (RFC 3261 section 18, RFC 7118 for WebSocket).</summary>
public enum SipTransport
{
    Udp,
    Tcp,
    Tls,
    Ws,
}
