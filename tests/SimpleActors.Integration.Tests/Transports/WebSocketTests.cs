using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests.Transports;

/// <summary>
/// SIP over WebSocket (RFC 7118) against a complete node over real sockets: a client with a <c>.invalid</c> Via and
/// Contact registers, is reached by a UDP client's MESSAGE over its own connection, subscribes and gets its NOTIFYs; an
/// upgrade without the <c>sip</c> subprotocol and a slow-loris upgrade are closed without harm to the others.
/// </summary>
public sealed class WebSocketTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync(settings: new Dictionary<string, string?> { ["Sip:HandshakeTimeout"] = "00:00:02" });

    public async Task DisposeAsync() => await node.DisposeAsync();

    private IPEndPoint Listener(bool secure) => secure ? node.Wss : node.Ws;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_with_an_invalid_contact_registers_and_a_udp_clients_message_reaches_it_over_its_connection(bool secure)
    {
        await using var alice = await TestPhone.WebSocketAsync("sip:alice@example.com", Listener(secure), secure ? node.CertificateAuthority : null);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);

        var registered = await alice.RegisterAsync("alice-pw");
        var sending = bob.MessageAsync("sip:alice@example.com", "over the websocket", "bob-pw");
        var delivered = await alice.NextRequestAsync(Patience);
        await alice.ReplyAsync(delivered, 200);

        Assert.Equal(200, registered.StatusCode);
        Assert.Contains(".invalid", Assert.Single(registered.Contacts).Address!.Uri.Host, StringComparison.Ordinal);
        Assert.Equal("MESSAGE", delivered.Method);
        Assert.Equal("over the websocket", Encoding.UTF8.GetString(delivered.Body.Span));
        Assert.Equal(secure ? "WSS" : "WS", delivered.TopVia!.Transport); // RFC 7118 section 5: our Via names the transport
        Assert.Equal(200, (await sending).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_publishes_subscribes_and_gets_notifies_over_its_connection(bool secure)
    {
        await using var alice = await TestPhone.WebSocketAsync("sip:alice@example.com", Listener(secure), secure ? node.CertificateAuthority : null);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);

        var published = await Presence.PublishAsync(bob, "at the desk");
        var subscribed = await Presence.SubscribeAsync(alice, bob.Aor);
        var first = await Presence.NotifyWithAsync(alice, "at the desk");
        await Presence.PublishAsync(bob, "gone fishing", published.SipETag);
        var second = await Presence.NotifyWithAsync(alice, "gone fishing");

        Assert.Equal(200, published.StatusCode);
        Assert.Equal(200, subscribed.StatusCode);
        Assert.Equal(subscribed.To!.Tag, first.From!.Tag);
        Assert.True(second.CSeq!.Number > first.CSeq!.Number);
    }

    [Fact]
    public async Task An_upgrade_without_the_sip_subprotocol_is_refused()
    {
        using var client = new ClientWebSocket();
        client.Options.AddSubProtocol("chat");

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(new Uri($"ws://{node.Ws}/"), CancellationToken.None));

        Assert.Contains("400", refused.Message, StringComparison.Ordinal);
        await using var alice = await TestPhone.WebSocketAsync("sip:alice@example.com", node.Ws);
        Assert.Equal(200, (await alice.RegisterAsync("alice-pw")).StatusCode);
    }

    [Fact]
    public async Task A_slow_loris_upgrade_is_closed_and_other_websockets_are_served()
    {
        await using var alice = await TestPhone.WebSocketAsync("sip:alice@example.com", node.Ws);
        using var loris = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await loris.ConnectAsync(node.Ws);
        await loris.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"));

        // One header byte every 300 ms: never a whole request. The node must close it (Sip:HandshakeTimeout, 2 s here).
        var closed = await ClosedWhileDribblingAsync(loris);

        Assert.True(closed, "the slow-loris upgrade is still open");
        Assert.Equal(200, (await alice.RegisterAsync("alice-pw")).StatusCode);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_that_websocket_only()
    {
        await using var alice = await TestPhone.WebSocketAsync("sip:alice@example.com", node.Ws);
        using var big = new ClientWebSocket();
        big.Options.AddSubProtocol("sip");
        await big.ConnectAsync(new Uri($"ws://{node.Ws}/"), CancellationToken.None);

        await big.SendAsync(new byte[70_000], WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var result = await big.ReceiveAsync(new byte[1024], new CancellationTokenSource(Patience).Token);

        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, result.CloseStatus);
        Assert.Equal(200, (await alice.RegisterAsync("alice-pw")).StatusCode);
    }

    /// <summary>
    /// Sends one byte every 300 ms until the node closes the connection (whatever it answers first, say a 408, is read to
    /// its end) or <see cref="Patience"/> passes; true when it was closed.
    /// </summary>
    internal static async Task<bool> ClosedWhileDribblingAsync(Socket socket, byte[]? dribble = null)
    {
        var buffer = new byte[4096];
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await socket.SendAsync(dribble ?? "X"u8.ToArray());
                if (socket.Poll(300_000, SelectMode.SelectRead))
                {
                    using var timeout = new CancellationTokenSource(Patience);
                    while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
                    {
                    }

                    return true;
                }
            }
            catch (SocketException)
            {
                return true; // reset
            }
        }

        return false;
    }

    /// <summary>PUBLISH and SUBSCRIBE with the test users' passwords.</summary>
    internal static class Presence
    {
        public static Task<SipResponse> PublishAsync(TestPhone phone, string note, string? etag = null)
        {
            List<string> headers = ["Event: presence", "Expires: 600", "Content-Type: application/pidf+xml"];
            if (etag is not null)
            {
                headers.Add($"SIP-If-Match: {etag}");
            }

            return phone.RequestAsync("PUBLISH", phone.Aor, $"<{phone.Aor}>", Cluster.LabPresence.Pidf(phone.Aor, note), TestNode.Passwords[phone.Aor], [.. headers]);
        }

        public static Task<SipResponse> SubscribeAsync(TestPhone watcher, string presentity, int expires = 600) =>
            watcher.RequestAsync(
                "SUBSCRIBE", presentity, $"<{presentity}>", null, TestNode.Passwords[watcher.Aor],
                "Event: presence", "Accept: application/pidf+xml", $"Contact: <{watcher.ContactUri}>", $"Expires: {expires}");

        public static Task<SipRequest> NotifyWithAsync(TestPhone watcher, string note) => Cluster.LabPresence.NotifyWithAsync(watcher, note, Patience);
    }
}
