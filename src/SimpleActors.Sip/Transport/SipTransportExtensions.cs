namespace SimpleActors.Sip.Transport;

/// <summary>What the protocol rules need to know of a transport.</summary>
public static class SipTransportExtensions
{
    /// <summary>Reliable transports need no retransmissions (RFC 3261 section 17.1.1.2, 17.1.2.2).</summary>
    public static bool IsReliable(this SipTransport transport) => transport != SipTransport.Udp;

    /// <summary>Stream transports frame messages by Content-Length (RFC 3261 section 18.3).</summary>
    public static bool IsStream(this SipTransport transport) => transport is SipTransport.Tcp or SipTransport.Tls;

    /// <summary>The transport's name in a Via header (RFC 3261 section 20.42, RFC 7118 section 5.1).</summary>
    public static string ViaName(this SipTransport transport) => transport switch
    {
        SipTransport.Udp => "UDP",
        SipTransport.Tcp => "TCP",
        SipTransport.Tls => "TLS",
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
            default: transport = default; return false;
        }
    }

    /// <summary>The default port: 5061 for TLS, 5060 otherwise (RFC 3261 section 19.1.2).</summary>
    public static int DefaultPort(this SipTransport transport) => transport == SipTransport.Tls ? 5061 : 5060;
}
