using System.Net;
using System.Net.Sockets;

namespace SimpleActors.Integration.Tests.Readme;

/// <summary>
/// Waits until fixed ports on 127.0.0.1 are free, for the README's commands, which use the ports the README names
/// (5060, 8090, 4053, ...): another program on this machine may hold one for a moment.
/// </summary>
internal static class LoopbackPorts
{
    /// <summary>Returns once every port is free for TCP (and UDP, for <paramref name="udp"/>); fails after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilFreeAsync(IEnumerable<int> tcp, IEnumerable<int> udp, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var busy = tcp.Where(p => !Free(SocketType.Stream, ProtocolType.Tcp, p)).Select(p => $"TCP {p}")
                .Concat(udp.Where(p => !Free(SocketType.Dgram, ProtocolType.Udp, p)).Select(p => $"UDP {p}"))
                .ToList();
            if (busy.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"127.0.0.1 ports still in use after {timeout}: {string.Join(", ", busy)}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static bool Free(SocketType type, ProtocolType protocol, int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
            if (protocol == ProtocolType.Tcp)
            {
                // As servers bind: a connection of an earlier run in TIME_WAIT does not hold the port, a listener does.
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
