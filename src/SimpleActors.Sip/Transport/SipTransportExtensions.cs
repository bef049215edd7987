namespace SimpleActors.Sip.Transport;

/// <summary>What the protocol rules need to know of a transport.</summary>
public static class SipTransportExtensions
{
    /// <summary>Reliable transports need no retransmissions (RFC 3261 section 17.1.1.2, 17.1.2.2).</summary>
    public static bool IsReliable(this SipTransport transport) => transport != SipTransport.Udp;

    /// <summary>Stream transports frame messages by Content-Length (RFC 3261 section 18.3).</summary>
    public static bool IsStream(this SipTransport transport) => transport is SipTransport.Tcp or SipTransport.Tls;

    /// <summary>WebSocket transports carry one message per frame (RFC 7118 section 4.2) and cannot be connected to a client.</summary>
    public static bool IsWebSocket(this SipTransport transport) => transport is SipTransport.Ws or SipTransport.Wss;

    /// <summary>Transports inside TLS (RFC 3261 section 26.2, RFC 7118 section 5).</summary>
    public static bool IsSecure(this SipTransport transport) => transport is SipTransport.Tls or SipTransport.Wss;

    /// <summary>The transport's name in a Via header (RFC 3261 section 20.42, RFC 7118 section 5.1).</summary>
    public static string ViaName(this SipTransport transport) => transport switch
    {
        SipTransport.Udp => "UDP",
        SipTransport.Tcp => "TCP",
        SipTransport.Tls => "TLS",
        SipTransport.Wss => "WSS",
        _ => "WS",
    };

    /// <summary>The transport a Via names; false for one we do not speak.</summary>
    public static bool TryParseViaName(string name, out SipTransport transport)
    {
        switch (name.ToUpperInvariant())
        {
            case "UDP": transport = SipTransport.Udp; return true;
            case "TCP": transport = SipTransport.Tcp; return true;
            case "TLS": transport = SipTransport.Tls; return true;
            case "WS": transport = SipTransport.Ws; return true;
            case "WSS": transport = SipTransport.Wss; return true;
            default: transport = default; return false;
        }
    }

    /// <summary>The default port: 5061 for TLS, 5060 otherwise (RFC 3261 section 19.1.2).</summary>
    public static int DefaultPort(this SipTransport transport) => transport == SipTransport.Tls ? 5061 : 5060;
}
