using System.Net;
using System.Net.Sockets;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// Issue 15 end to end: a running node (the built <c>simpleactors</c>, a child process) gets every RFC 4475 and RFC 5118
/// torture message and then thousands of mutated ones over UDP and over TCP. After each batch OPTIONS is still answered
/// over both transports and the process still runs.
/// </summary>
public sealed class MalformedFloodTests
{
    private const int Batches = 6;
    private const int BatchSize = 500;

    private static readonly string Vectors = Path.Combine(AppContext.BaseDirectory, "Vectors");

    private static List<byte[]> TortureMessages() =>
    [
        .. Directory.GetFiles(Path.Combine(Vectors, "sip-torture"), "*.dat").Order(StringComparer.Ordinal).Select(File.ReadAllBytes),
        .. Directory.GetFiles(Path.Combine(Vectors, "sip-ipv6-torture", "wire"), "*.sip").Order(StringComparer.Ordinal).Select(File.ReadAllBytes),
    ];

    [Fact]
    public async Task Torture_and_mutated_messages_over_udp_and_tcp_never_stop_the_node_answering_options()
    {
        var torture = TortureMessages();
        Assert.True(torture.Count >= 60, $"{torture.Count} torture messages");
        var mutator = new MessageMutator(seed: 4475);
        await using var node = await NodeProcess.StartAsync();

        await SendAndCheckAsync(node, torture, "torture");
        for (var batch = 1; batch <= Batches; batch++)
        {
            var mutated = Enumerable.Range(0, BatchSize).Select(i => mutator.Mutate(torture[i % torture.Count])).ToList();
            await SendAndCheckAsync(node, mutated, $"mutated batch {batch}");
        }
    }

    private static async Task SendAndCheckAsync(NodeProcess node, IReadOnlyList<byte[]> messages, string batch)
    {
        await SendUdpAsync(node.Udp, messages);
        await SendTcpAsync(node.Tcp, messages);

        Assert.True(node.IsRunning, $"the node process ended after the {batch}");
        await using (var udp = TestPhone.Udp("sip:alice@example.com", node.Udp))
        {
            Assert.Equal(200, (await udp.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>")).StatusCode);
        }

        await using var tcp = await TestPhone.TcpAsync("sip:alice@example.com", node.Tcp);
        Assert.Equal(200, (await tcp.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>")).StatusCode);
    }

    private static async Task SendUdpAsync(IPEndPoint server, IReadOnlyList<byte[]> messages)
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Length is > 0 and <= 65_000)
            {
                await client.SendAsync(messages[i], server);
            }

            if (i % 50 == 49)
            {
                await Task.Delay(10); // leave the node's receive buffer room: what is measured is survival, not loss
            }
        }
    }

    /// <summary>One stream after another: a stream whose framing is lost is closed by the node, and the rest goes on a new one.</summary>
    private static async Task SendTcpAsync(IPEndPoint server, IReadOnlyList<byte[]> messages)
    {
        var next = 0;
        while (next < messages.Count)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(server);
            var stream = client.GetStream();
            var drain = DrainAsync(stream); // answers are read and dropped, so the node never blocks writing them
            try
            {
                for (; next < messages.Count; next++)
                {
                    await stream.WriteAsync(messages[next]);
                }
            }
            catch (IOException)
            {
                next++; // the node closed this stream
            }

            client.Client.Shutdown(SocketShutdown.Send);
            await drain;
        }
    }

    private static async Task DrainAsync(NetworkStream stream)
    {
        var buffer = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Closed, reset or still open after the wait (a message waiting for its body): done with this stream.
        }
    }
}
