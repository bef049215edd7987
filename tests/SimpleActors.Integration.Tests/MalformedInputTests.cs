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
