using System.Net;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Configuration;

/// <summary>One SIP listening socket: an entry of <c>Sip:Listeners</c>.</summary>
public sealed class SipListenerOptions
{
    public SipTransport Transport { get; set; } = SipTransport.Udp;

    /// <summary>The local IP address to bind, e.g. <c>127.0.0.1</c>, <c>0.0.0.0</c> or <c>::</c>.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The local port; 0 lets the operating system choose one.</summary>
    public int Port { get; set; } = 5060;

    /// <summary>The endpoint to bind, or null when <see cref="Address"/> or <see cref="Port"/> is not valid.</summary>
    public IPEndPoint? EndPoint =>
        IPAddress.TryParse(Address, out var address) && Port is >= IPEndPoint.MinPort and <= IPEndPoint.MaxPort
            ? new IPEndPoint(address, Port)
            : null;
}
