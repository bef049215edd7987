using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Load.SipLoad;

/// <summary>
/// One UDP socket on 127.0.0.1 shared by many parties: it sends their requests, answers every NOTIFY with 200 at once
/// (before the party looks at it) and hands each message to the party whose Call-ID it carries.
/// </summary>
public sealed class UdpAgent : IDisposable
{
    private readonly Socket socket;
    private readonly ConcurrentDictionary<string, SipParty> parties = new(StringComparer.Ordinal);
    private long notifies;
    private long notifyBytes;

    public UdpAgent(IPEndPoint server)
    {
        Server = server;
        socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 8 << 20, SendBufferSize = 4 << 20 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        _ = Task.Run(ReceiveLoopAsync);
    }

    public IPEndPoint Server { get; }

    public int Port { get; }

    /// <summary>NOTIFY datagrams received (retransmissions included) and their bytes.</summary>
    public (long Count, long Bytes) Notifies => (Interlocked.Read(ref notifies), Interlocked.Read(ref notifyBytes));

    /// <summary>Agents round-robin over <paramref name="count"/> sockets.</summary>
    public static UdpAgent[] Open(IPEndPoint server, int count) => [.. Enumerable.Range(0, count).Select(_ => new UdpAgent(server))];

    public void Attach(SipParty party) => parties[party.CallId] = party;

    public Task<int> SendAsync(byte[] datagram) => socket.SendToAsync(datagram, Server);

    public void Dispose() => socket.Dispose();

    private async Task ReceiveLoopAsync()
    {
        var parser = new SipParser();
        var buffer = new byte[65536];
        while (true)
        {
            SocketReceiveFromResult got;
            try
            {
                got = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0)).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var at = Stopwatch.GetTimestamp();
            SipMessage? message;
            try
            {
                message = parser.ParseDatagram(buffer.AsSpan(0, got.ReceivedBytes));
            }
            catch (SipParseException e)
            {
                Console.Error.WriteLine($"unparsable datagram ({got.ReceivedBytes} bytes): {e.Message}");
                continue;
            }

            if (message is SipRequest { Method: "NOTIFY" } notify)
            {
                Interlocked.Increment(ref notifies);
                Interlocked.Add(ref notifyBytes, got.ReceivedBytes);
                await socket.SendToAsync(SipMessageWriter.ToBytes(SipResponse.CreateFor(notify, 200)), got.RemoteEndPoint).ConfigureAwait(false);
            }

            if (message?.CallId is { } callId && parties.TryGetValue(callId, out var party))
            {
                party.Receive(message, got.ReceivedBytes, at);
            }
        }
    }
}
