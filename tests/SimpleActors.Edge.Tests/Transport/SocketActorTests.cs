using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Logging.Abstractions;
using SimpleActors.Edge.Transport;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;
using SimpleActors.Tests.Shared;

namespace SimpleActors.Edge.Tests.Transport;

/// <summary>The socket actors over real UDP sockets, and TCP (Kestrel and the outgoing connector) on 127.0.0.1.</summary>
public sealed class SocketActorTests : TestKit
{
    private static string Options(string transport, string id) =>
        "OPTIONS sip:example.com SIP/2.0\r\n" +
        $"Via: SIP/2.0/{transport} 127.0.0.1:5099;branch=z9hG4bK{id}\r\n" +
        "Max-Forwards: 70\r\nTo: <sip:example.com>\r\nFrom: <sip:alice@example.com>;tag=1\r\n" +
        $"Call-ID: {id}@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    private readonly RecordingInbound inbound = new();
    private readonly ConnectionRegistry registry = new("akka.tcp://test@127.0.0.1:1");
    private readonly EdgeTransportContext context;
    private readonly EdgeTransportSender sender;
    private readonly List<KestrelListener> kestrels = [];
    private IActorRef? connector;

    public SocketActorTests()
    {
        context = new EdgeTransportContext(registry, new SipParser(), inbound, TimeSpan.FromSeconds(2), NullLoggerFactory.Instance);
        sender = new EdgeTransportSender(registry, () => connector!);
        connector = Sys.ActorOf(TcpConnectorActor.Props(context));
    }

    private static byte[] OptionsBytes(string transport, string id) => Encoding.ASCII.GetBytes(Options(transport, id));

    private IPEndPoint StartUdp()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Sys.ActorOf(UdpSocketActor.Props(socket, context));
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>A TCP listener as the node runs it: Kestrel accepting, <see cref="SipConnectionHandler"/> on each connection.</summary>
    private IPEndPoint StartTcp()
    {
        var listener = KestrelListener.Start(context, SipTransport.Tcp);
        kestrels.Add(listener);
        return listener.EndPoint;
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var listener in kestrels)
        {
            listener.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
        }

        base.Dispose(disposing);
    }

    [Fact]
    public async Task Udp_datagrams_are_parsed_and_handed_on_with_their_flow_and_replies_go_back_over_the_same_socket()
    {
        var server = StartUdp();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        await client.SendAsync(OptionsBytes("UDP", "u1"), server);
        var (message, flow) = inbound.Next();

        Assert.Equal("OPTIONS", ((SipRequest)message).Method);
        Assert.Equal(SipTransport.Udp, flow.Transport);
        Assert.Equal(client.Client.LocalEndPoint, flow.Remote);
        Assert.Equal(server, flow.Local);

        await sender.SendAsync(SipResponse.CreateFor((SipRequest)message, 200, toTag: "t"), SipDestination.Back(flow));
        var reply = await client.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(server, reply.RemoteEndPoint);
        Assert.Equal(200, ((SipResponse)new SipParser().Parse(reply.Buffer)).StatusCode);
    }

    [Fact]
    public async Task Udp_garbage_is_answered_when_addressable_and_counted_otherwise_and_the_socket_keeps_working()
    {
        var server = StartUdp();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        await client.SendAsync(Encoding.ASCII.GetBytes(Options("UDP", "g1").Replace("SIP/2.0\r\n", "SIP/7.0\r\n", StringComparison.Ordinal)), server);
        var answer = await client.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(505, ((SipResponse)new SipParser().Parse(answer.Buffer)).StatusCode);
        Assert.True(inbound.NextRefusal().Answered);

        await client.SendAsync(new byte[] { 0, 1, 2, 3, 13, 10, 13, 10 }, server);
        Assert.False(inbound.NextRefusal().Answered);

        await client.SendAsync(OptionsBytes("UDP", "g2"), server);
        Assert.Equal("g2@127.0.0.1", inbound.Next().Message.CallId);
    }

    [Fact]
    public async Task Tcp_stream_is_framed_keepalives_are_answered_and_replies_reuse_the_connection()
    {
        var server = StartTcp();
        using var client = new TcpClient();
        await client.ConnectAsync(server);
        var stream = client.GetStream();

        var bytes = OptionsBytes("TCP", "t1").Concat("\r\n\r\n"u8.ToArray()).Concat(OptionsBytes("TCP", "t2")).ToArray();
        foreach (var chunk in bytes.Chunk(37))
        {
            await stream.WriteAsync(chunk);
            await stream.FlushAsync();
        }

        var (first, flow) = inbound.Next();
        var (second, _) = inbound.Next();
        Assert.Equal(["t1@127.0.0.1", "t2@127.0.0.1"], new[] { first.CallId!, second.CallId! });
        Assert.Equal(SipTransport.Tcp, flow.Transport);
        Assert.NotEqual(0, flow.ConnectionId);

        var pong = new byte[2];
        await stream.ReadExactlyAsync(pong).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("\r\n"u8.ToArray(), pong);

        await sender.SendAsync(SipResponse.CreateFor((SipRequest)first, 200, toTag: "t"), SipDestination.Back(flow));
        var reader = new StreamReader(stream, Encoding.ASCII);
        Assert.Equal("SIP/2.0 200 OK", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Tcp_lost_framing_is_answered_then_the_connection_is_closed_and_others_are_unaffected()
    {
        var server = StartTcp();
        using var bad = new TcpClient();
        await bad.ConnectAsync(server);
        var badStream = bad.GetStream();

        var text = Options("TCP", "b1").Replace("Content-Length: 0", "Content-Length: -5", StringComparison.Ordinal);
        await badStream.WriteAsync(Encoding.ASCII.GetBytes(text));
        var response = await new StreamReader(badStream, Encoding.ASCII).ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("SIP/2.0 400 Invalid Content-Length", response, StringComparison.Ordinal);
        Assert.True(inbound.NextRefusal().Answered);

        using var good = new TcpClient();
        await good.ConnectAsync(server);
        await good.GetStream().WriteAsync(OptionsBytes("TCP", "ok"));
        Assert.Equal("ok@127.0.0.1", inbound.Next().Message.CallId);
    }

    [Fact]
    public async Task Tcp_connection_idle_past_the_timeout_is_closed()
    {
        var server = StartTcp();
        using var client = new TcpClient();
        await client.ConnectAsync(server);

        var read = await client.GetStream().ReadAsync(new byte[1]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, read); // the server closed it after ~2 s of silence
    }

    [Fact]
    public async Task Request_to_a_tcp_target_without_a_connection_opens_one_and_reuses_it()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var target = (IPEndPoint)listener.LocalEndpoint;
        var request = new SipRequest("MESSAGE", "sip:bob@127.0.0.1");
        request.Headers.Add(KnownHeader.CallId, "x1");

        var sending = sender.SendAsync(request, new SipDestination(SipTransport.Tcp, target)).AsTask();
        using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await sending;
        await sender.SendAsync(request, new SipDestination(SipTransport.Tcp, target));

        var reader = new StreamReader(accepted.GetStream(), Encoding.ASCII);
        Assert.Equal("MESSAGE sip:bob@127.0.0.1 SIP/2.0", await reader.ReadLineAsync());
        Assert.Equal(1, registry.ConnectionCount);
        Assert.False(listener.Pending()); // the second message reused the connection
    }

    private const string Failures = "simpleactors.sip.receive.failures";
    private const string Restarts = "simpleactors.sip.receive_loop.restarts";

    private static double Count(MetricRecorder metrics, string instrument, params (string Key, string Value)[] tags) =>
        metrics.Of(instrument).Where(m => tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).Sum(m => m.Value);

    /// <summary>Issue 15: one exception per loop ended every UDP receive loop. Now one datagram's exception stays with it.</summary>
    [Fact]
    public async Task Udp_datagrams_whose_handling_throws_are_dropped_and_counted_and_the_loops_read_on()
    {
        using var metrics = new MetricRecorder(EdgeMetrics.MeterName);
        inbound.Fault = m => m.CallId!.StartsWith("boom", StringComparison.Ordinal) ? new InvalidOperationException("boom") : null;
        var server = StartUdp();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        for (var i = 0; i < UdpSocketActor.LoopCount * 2; i++)
        {
            await client.SendAsync(OptionsBytes("UDP", $"boom{i}"), server);
        }

        await client.SendAsync(OptionsBytes("UDP", "after"), server);
        Assert.Equal("after@127.0.0.1", inbound.Next().Message.CallId);
        // Another loop may still be counting its last failed datagram when this one has handed on "after".
        await AwaitAssertAsync(
            () => Assert.Equal(UdpSocketActor.LoopCount * 2, Count(metrics, Failures, ("transport", "udp"), ("scope", "datagram"))),
            TimeSpan.FromSeconds(5));
        Assert.Equal(UdpSocketActor.LoopCount, context.Loops.Running(SipTransport.Udp, server));
    }

    /// <summary>A loop that ends anyway (here an OutOfMemoryException, which no catch-all takes: InsufficientMemoryException derives from it) is started again and counted.</summary>
    [Fact]
    public async Task Udp_receive_loop_that_ends_is_started_again_and_counted()
    {
        using var metrics = new MetricRecorder(EdgeMetrics.MeterName);
        inbound.Fault = m => m.CallId!.StartsWith("oom", StringComparison.Ordinal) ? new InsufficientMemoryException("test") : null;
        var server = StartUdp();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        for (var i = 0; i < UdpSocketActor.LoopCount + 1; i++)
        {
            await client.SendAsync(OptionsBytes("UDP", $"oom{i}"), server);
            await AwaitConditionAsync(() => Task.FromResult(Count(metrics, Restarts, ("transport", "udp"), ("listener", server.ToString())) > i), TimeSpan.FromSeconds(10));
        }

        await client.SendAsync(OptionsBytes("UDP", "after"), server);
        Assert.Equal("after@127.0.0.1", inbound.Next().Message.CallId);
        await AwaitConditionAsync(() => Task.FromResult(context.Loops.Running(SipTransport.Udp, server) == UdpSocketActor.LoopCount), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Udp_socket_closed_under_its_loops_is_reported_as_not_receiving()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var server = (IPEndPoint)socket.LocalEndPoint!;
        Sys.ActorOf(UdpSocketActor.Props(socket, context));
        await AwaitConditionAsync(() => Task.FromResult(context.Loops.Running(SipTransport.Udp, server) == UdpSocketActor.LoopCount), TimeSpan.FromSeconds(10));

        socket.Dispose();

        await AwaitConditionAsync(() => Task.FromResult(context.Loops.Running(SipTransport.Udp, server) == 0), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Tcp_message_whose_handling_throws_is_dropped_and_counted_and_the_connection_reads_on()
    {
        using var metrics = new MetricRecorder(EdgeMetrics.MeterName);
        inbound.Fault = m => m.CallId!.StartsWith("boom", StringComparison.Ordinal) ? new InvalidOperationException("boom") : null;
        var server = StartTcp();
        using var client = new TcpClient();
        await client.ConnectAsync(server);

        await client.GetStream().WriteAsync(OptionsBytes("TCP", "boom1").Concat(OptionsBytes("TCP", "after")).ToArray());

        Assert.Equal("after@127.0.0.1", inbound.Next().Message.CallId);
        Assert.Equal(1, Count(metrics, Failures, ("transport", "tcp"), ("scope", "frame")));
        Assert.Equal(1, context.Loops.Running(SipTransport.Tcp, server));
    }
}
