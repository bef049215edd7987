using System.Net;
using System.Net.Sockets;

namespace SimpleActors.Integration.Tests;

/// <summary>Every invalid torture message over UDP and TCP: the node answers what it can, stays up and keeps answering.</summary>
public sealed class MalformedInputTests : IAsyncLifetime
{
    // RFC 4475 section 3.1.2 and 3.3 messages a server must refuse, and RFC 5118's invalid one.
    private static readonly string[] Invalid =
    [
        "badinv01", "clerr", "ncl", "scalar02", "scalarlg", "quotbal", "ltgtruri", "lwsruri", "lwsstart", "trws", "escruri",
        "baddate", "regbadct", "badaspec", "baddn", "badvers", "mismatch01", "mismatch02", "bigcode", "insuf", "multi01", "mcl01", "test",
    ];

    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static byte[] Vector(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Vectors", "sip-torture", name + ".dat"));

    [Fact]
    public async Task Invalid_messages_over_udp_are_answered_or_dropped_and_the_node_keeps_answering()
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var refusedBefore = node.Edge.Counters.Refused;
        foreach (var name in Invalid)
        {
            await client.SendAsync(Vector(name), node.Udp);
        }

        await client.SendAsync(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Vectors", "sip-ipv6-torture", "wire", "ipv6-bad.sip")), node.Udp);
        await using var phone = TestPhone.Udp("sip:alice@example.com", node.Udp);

        Assert.Equal(200, (await phone.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>")).StatusCode);
        Assert.True(node.Edge.Counters.Refused - refusedBefore >= Invalid.Length - 1, $"refused {node.Edge.Counters.Refused - refusedBefore}");
    }

    /// <summary>
    /// Issue 15: a request refused by the pre-routing checks whose rejection read the malformed header again threw
    /// into the UDP receive loop and ended it; one such datagram per loop left UDP dead. The headers vary so that every
    /// header the checks read is once the malformed one.
    /// </summary>
    [Theory]
    [InlineData("CSeq: 1 OPTIONS", "CSeq: x OPTIONS")]
    [InlineData("CSeq: 1 OPTIONS", "CSeq: 99999999999 OPTIONS")]
    [InlineData("To: <sip:example.com>", "To: <sip:example.com")]
    [InlineData("Max-Forwards: 70", "Max-Forwards: many")]
    [InlineData("Content-Length: 0", "Expires: x\r\nContent-Length: 0")]
    public async Task Requests_refused_for_a_malformed_header_never_stop_udp(string good, string bad)
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        for (var i = 0; i < Math.Max(2, Environment.ProcessorCount) + 1; i++)
        {
            var request = OptionsText($"bad{i}").Replace(good, bad, StringComparison.Ordinal);
            await client.SendAsync(System.Text.Encoding.ASCII.GetBytes(request), node.Udp);
            await Task.Delay(50); // one at a time, so that each reaches a loop that still runs
        }

        await using var phone = TestPhone.Udp("sip:alice@example.com", node.Udp);
        Assert.Equal(200, (await phone.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>")).StatusCode);
    }

    private static string OptionsText(string id) =>
        "OPTIONS sip:example.com SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bK{id}\r\n" +
        "Max-Forwards: 70\r\nTo: <sip:example.com>\r\nFrom: <sip:alice@example.com>;tag=1\r\n" +
        $"Call-ID: {id}@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    [Fact]
    public async Task Invalid_messages_over_tcp_each_on_its_own_connection_never_stop_the_listener()
    {
        foreach (var name in Invalid)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(node.Tcp);
            var stream = client.GetStream();
            await stream.WriteAsync(Vector(name));
            client.Client.Shutdown(SocketShutdown.Send);

            // The server answers or closes; it never hangs (clerr waits for its missing body until we stop sending).
            var read = new byte[4096];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            while (await stream.ReadAsync(read, timeout.Token) > 0)
            {
            }
        }

        await using var phone = await TestPhone.TcpAsync("sip:alice@example.com", node.Tcp);
        Assert.Equal(200, (await phone.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>")).StatusCode);
    }

    [Fact]
    public async Task All_invalid_messages_on_one_tcp_connection_then_a_new_connection_is_served()
    {
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(node.Tcp);
            foreach (var name in Invalid)
            {
                try
                {
                    await client.GetStream().WriteAsync(Vector(name));
                }
                catch (IOException)
                {
                    break; // the server closed a connection whose framing was lost, as it should
                }
            }
        }

        await using var phone = await TestPhone.TcpAsync("sip:alice@example.com", node.Tcp);
        Assert.Equal(200, (await phone.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>")).StatusCode);
    }
}
