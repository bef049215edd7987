using System.Net.Sockets;
using System.Text;

namespace SimpleActors.Integration.Tests.Transports;

/// <summary>
/// SIP over TLS (RFC 3261 section 26) against a complete node with its development certificate, over real sockets: a
/// client registers and is reached over its connection; plain text on the TLS port, a TLS 1.1 handshake
/// (<c>openssl s_client</c>), a handshake that stops half way and a connection that never says anything are closed, and
/// a TLS client connected all along is still served after each.
/// </summary>
public sealed class TlsTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync(settings: new Dictionary<string, string?> { ["Sip:HandshakeTimeout"] = "00:00:02" });

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task A_client_registers_over_tls_and_a_udp_clients_message_reaches_it_over_its_connection()
    {
        await using var alice = await TestPhone.TlsAsync("sip:alice@example.com", node.Tls, node.CertificateAuthority);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);

        var registered = await alice.RegisterAsync("alice-pw");
        var sending = bob.MessageAsync("sip:alice@example.com", "over tls", "bob-pw");
        var delivered = await alice.NextRequestAsync(Patience);
        await alice.ReplyAsync(delivered, 200);

        Assert.Equal(200, registered.StatusCode);
        Assert.Equal("over tls", Encoding.UTF8.GetString(delivered.Body.Span));
        Assert.Equal("TLS", delivered.TopVia!.Transport);
        Assert.Equal(node.Tls.Port, delivered.TopVia.Port);
        Assert.Equal(200, (await sending).StatusCode);
    }

    [Fact]
    public async Task Plain_text_on_the_tls_port_is_closed_unanswered_and_other_connections_are_served()
    {
        await using var alice = await TestPhone.TlsAsync("sip:alice@example.com", node.Tls, node.CertificateAuthority);
        using var plain = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await plain.ConnectAsync(node.Tls);

        await plain.SendAsync(Encoding.ASCII.GetBytes(
            "OPTIONS sip:example.com SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKplain\r\nFrom: <sip:a@example.com>;tag=1\r\n" +
            "To: <sip:example.com>\r\nCall-ID: plain@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"));
        var (closed, answered) = await ReadUntilClosedAsync(plain);

        Assert.True(closed, "plain text on the TLS port left the connection open");
        Assert.DoesNotContain("SIP/2.0", answered, StringComparison.Ordinal);
        Assert.Equal(200, (await alice.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>")).StatusCode);
    }

    [Fact]
    public async Task A_handshake_that_stops_half_way_and_a_silent_connection_are_closed_and_others_are_served()
    {
        await using var alice = await TestPhone.TlsAsync("sip:alice@example.com", node.Tls, node.CertificateAuthority);
        using var halfway = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await halfway.ConnectAsync(node.Tls);
        await silent.ConnectAsync(node.Tls);

        // The first bytes of a ClientHello record (handshake, TLS 1.2 record version, 512 bytes to come), then nothing.
        await halfway.SendAsync(new byte[] { 0x16, 0x03, 0x03, 0x02, 0x00, 0x01 });
        var (halfwayClosed, _) = await ReadUntilClosedAsync(halfway);
        var (silentClosed, _) = await ReadUntilClosedAsync(silent);

        Assert.True(halfwayClosed, "a handshake that stopped half way is still open");
        Assert.True(silentClosed, "a connection that never started a handshake is still open");
        Assert.Equal(200, (await alice.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>")).StatusCode);
    }

    [Fact]
    public async Task A_tls_1_1_handshake_is_refused_a_tls_1_3_one_is_verified_with_the_development_ca_and_others_are_served()
    {
        var openssl = ExternalClient.Require("openssl", "openssl");
        await using var alice = await TestPhone.TlsAsync("sip:alice@example.com", node.Tls, node.CertificateAuthority);

        var (exitCode, output) = await ExternalClient.RunAsync(openssl, ["s_client", "-connect", node.Tls.ToString(), "-tls1_1"], Patience);
        var (modernExit, modern) = await ExternalClient.RunAsync(
            openssl, ["s_client", "-connect", node.Tls.ToString(), "-tls1_3", "-showcerts", "-CAfile", node.CertificateAuthority, "-verify_return_error"], Patience);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("alert protocol version", output, StringComparison.Ordinal);
        Assert.Equal(0, modernExit);
        Assert.Contains("TLSv1.3", modern, StringComparison.Ordinal);
        Assert.Contains("Verify return code: 0 (ok)", modern, StringComparison.Ordinal);

        Assert.Equal(200, (await alice.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>")).StatusCode);
    }

    /// <summary>Reads what the node sends until it closes the connection or <see cref="Patience"/> passes.</summary>
    private static async Task<(bool Closed, string Received)> ReadUntilClosedAsync(Socket socket)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (n == 0)
                {
                    return (true, received.ToString());
                }

                received.Append(Encoding.Latin1.GetString(buffer, 0, n));
            }
        }
        catch (SocketException)
        {
            return (true, received.ToString()); // reset
        }
        catch (OperationCanceledException)
        {
            return (false, received.ToString());
        }
    }
}
