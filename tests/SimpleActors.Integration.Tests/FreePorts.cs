using System.Net;
using System.Net.Sockets;

namespace SimpleActors.Integration.Tests;

/// <summary>Ports free on 127.0.0.1 now, for child processes that must be told their ports before they start.</summary>
internal static class FreePorts
{
    /// <summary>A port free for both UDP and TCP (a SIP listener pair).</summary>
    public static int UdpAndTcp()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var candidate = ((IPEndPoint)udp.LocalEndPoint!).Port;
            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, candidate));
                return candidate;
            }
            catch (SocketException) when (attempt < 20)
            {
            }
        }
    }

    /// <summary>A TCP port free now.</summary>
    public static int Tcp()
    {
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)tcp.LocalEndPoint!).Port;
    }
}
