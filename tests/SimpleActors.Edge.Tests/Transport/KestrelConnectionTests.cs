using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SimpleActors.Edge.Transport;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Tests.Transport;

/// <summary>
/// The Kestrel side of the edge over real sockets on 127.0.0.1: <see cref="SipConnectionHandler"/> on a plain listener
/// (as it runs behind TLS, which only changes the pipe it reads), and <see cref="SipWebSocketMiddleware"/> (RFC 7118).
/// </summary>
public sealed class KestrelConnectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly RecordingInbound inbound = new();
    private readonly ConnectionRegistry registry = new("akka.tcp://test@127.0.0.1:1");
    private readonly EdgeTransportContext context;
    private readonly EdgeTransportSender sender;
    private KestrelListener kestrel = null!;
    private IPEndPoint stream = null!;
    private IPEndPoint web = null!;

    public KestrelConnectionTests()
    {
        context = new EdgeTransportContext(registry, new SipParser(), inbound, TimeSpan.FromSeconds(3), NullLoggerFactory.Instance);
        sender = new EdgeTransportSender(registry, () => throw new InvalidOperationException("no outgoing connections here"));
    }

    public Task InitializeAsync()
    {
        kestrel = KestrelListener.Start(context, SipTransport.Tls);
        stream = kestrel.EndPoint;
        web = kestrel.WebSocket;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await kestrel.DisposeAsync();

    private static string Options(string transport, string id, string contentLength = "0") =>
        "OPTIONS sip:example.com SIP/2.0\r\n" +
        $"Via: SIP/2.0/{transport} 127.0.0.1:5099;branch=z9hG4bK{id}\r\n" +
        "Max-Forwards: 70\r\nTo: <sip:example.com>\r\nFrom: <sip:alice@example.com>;tag=1\r\n" +
        $"Call-ID: {id}@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: {contentLength}\r\n\r\n";

    [Fact]
    public async Task A_stream_is_framed_keepalives_are_answered_and_replies_go_back_over_the_connection()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(stream);
        var bytes = Encoding.ASCII.GetBytes(Options("TLS", "k1") + "\r\n\r\n" + Options("TLS", "k2"));
        foreach (var chunk in bytes.Chunk(41))
        {
            await client.GetStream().WriteAsync(chunk);
        }

        var (first, flow) = inbound.Next();
        var (second, _) = inbound.Next();
        var pong = new byte[2];
        await client.GetStream().ReadExactlyAsync(pong).AsTask().WaitAsync(Wait);
        await sender.SendAsync(SipResponse.CreateFor((SipRequest)first, 200, toTag: "t"), SipDestination.Back(flow));
        var status = await new StreamReader(client.GetStream(), Encoding.ASCII).ReadLineAsync().WaitAsync(Wait);

        Assert.Equal(["k1@127.0.0.1", "k2@127.0.0.1"], new[] { first.CallId!, second.CallId! });
        Assert.Equal(SipTransport.Tls, flow.Transport);
        Assert.Equal(stream.Port, flow.Local.Port);
        Assert.Equal("\r\n"u8.ToArray(), pong);
        Assert.Equal("SIP/2.0 200 OK", status);
    }

    [Fact]
    public async Task Lost_framing_is_answered_then_that_connection_alone_is_closed_and_leaves_the_registry()
    {
        using var good = new TcpClient();
        await good.ConnectAsync(stream);
        await good.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Options("TLS", "g1")));
        var (_, goodFlow) = inbound.Next();
        using var bad = new TcpClient();
        await bad.ConnectAsync(stream);

        await bad.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Options("TLS", "b1", "-5")));
        var answer = await new StreamReader(bad.GetStream(), Encoding.ASCII).ReadToEndAsync().WaitAsync(Wait);
        var refusal = inbound.NextRefusal();
        await good.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Options("TLS", "g2")));

        Assert.StartsWith("SIP/2.0 400 Invalid Content-Length", answer, StringComparison.Ordinal);
        Assert.True(refusal.Answered);
        Assert.False(registry.TryGet(refusal.Flow.ConnectionId, out _));
        Assert.Equal("g2@127.0.0.1", inbound.Next().Message.CallId);
        Assert.True(registry.TryGet(goodFlow.ConnectionId, out _));
    }

    [Fact]
    public async Task An_idle_connection_is_closed()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(stream);

        var read = await client.GetStream().ReadAsync(new byte[1]).AsTask().WaitAsync(Wait);

        Assert.Equal(0, read); // closed after ~3 s of silence
    }

    [Fact]
    public async Task Each_websocket_message_is_one_sip_message_and_replies_go_back_as_text_over_the_websocket()
    {
        using var client = await WebSocketAsync();
        await client.SendAsync(Encoding.ASCII.GetBytes(Options("WS", "w1")), WebSocketMessageType.Text, true, CancellationToken.None);
        // RFC 7118 section 4.2: over WebSocket Content-Length may be left out; the message is the whole frame.
        await client.SendAsync(Encoding.ASCII.GetBytes(Options("WS", "w2").Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal)), WebSocketMessageType.Binary, true, CancellationToken.None);

        var (first, flow) = inbound.Next();
        var (second, _) = inbound.Next();
        await sender.SendAsync(SipResponse.CreateFor((SipRequest)first, 200, toTag: "t"), SipDestination.Back(flow));
        var buffer = new byte[4096];
        var received = await client.ReceiveAsync(buffer, new CancellationTokenSource(Wait).Token);

        Assert.Equal(["w1@127.0.0.1", "w2@127.0.0.1"], new[] { first.CallId!, second.CallId! });
        Assert.Equal(SipTransport.Ws, flow.Transport);
        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        Assert.True(received.EndOfMessage);
        Assert.StartsWith("SIP/2.0 200 OK\r\n", Encoding.ASCII.GetString(buffer, 0, received.Count), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_websocket_message_is_answered_and_the_websocket_reads_on()
    {
        using var client = await WebSocketAsync();
        var bad = Options("WS", "r1").Replace("SIP/2.0\r\n", "SIP/7.0\r\n", StringComparison.Ordinal);
        await client.SendAsync(Encoding.ASCII.GetBytes(bad), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[4096];
        var answer = await client.ReceiveAsync(buffer, new CancellationTokenSource(Wait).Token);
        await client.SendAsync(Encoding.ASCII.GetBytes(Options("WS", "r2")), WebSocketMessageType.Text, true, CancellationToken.None);

        Assert.StartsWith("SIP/2.0 505", Encoding.ASCII.GetString(buffer, 0, answer.Count), StringComparison.Ordinal);
        Assert.True(inbound.NextRefusal().Answered);
        Assert.Equal("r2@127.0.0.1", inbound.Next().Message.CallId);
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task A_request_that_is_not_a_sip_websocket_upgrade_is_refused()
    {
        using var http = new HttpClient();
        using var plain = await http.GetAsync(new Uri($"http://{web}/"));
        using var other = new ClientWebSocket();
        other.Options.AddSubProtocol("chat");

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => other.ConnectAsync(new Uri($"ws://{web}/"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.UpgradeRequired, plain.StatusCode);
        Assert.Contains("400", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, registry.ConnectionCount);
    }

    private async Task<ClientWebSocket> WebSocketAsync()
    {
        var client = new ClientWebSocket();
        client.Options.AddSubProtocol("sip");
        await client.ConnectAsync(new Uri($"ws://{web}/"), CancellationToken.None);
        Assert.Equal("sip", client.SubProtocol);
        return client;
    }
}
