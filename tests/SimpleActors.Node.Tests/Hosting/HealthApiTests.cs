using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SimpleActors.Edge.Transactions;
using SimpleActors.Edge.Transport;
using SimpleActors.Node.Hosting;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Node.Tests.Hosting;

/// <summary>The SIP part of <c>/health/ready</c>: bound listeners, each with a running receive or accept loop (issue 15).</summary>
public sealed class HealthApiTests : IDisposable
{
    private static readonly IPEndPoint Udp = new(IPAddress.Loopback, 25060);
    private static readonly IPEndPoint Tcp = new(IPAddress.Loopback, 25061);

    private readonly SipEdgeRuntime edge = new();
    private readonly ReceiveLoops loops = new();
    private readonly TransactionLayer transactions = new(
        new Unsent(), TransactionTimers.Default, TimeProvider.System, NullLogger<TransactionLayer>.Instance);

    public void Dispose()
    {
        transactions.Dispose();
        edge.Dispose();
    }

    private void Start() => edge.Start([(SipTransport.Udp, Udp), (SipTransport.Tcp, Tcp)], new ConnectionRegistry("node"), transactions, loops);

    private static Func<Task> Forever(TaskCompletionSource end) => () => end.Task;

    [Fact]
    public void Listeners_not_bound_yet_are_not_ready()
    {
        Assert.Equal("listeners not bound yet", HealthApi.SipCheck(edge));
    }

    [Fact]
    public async Task A_listener_whose_loops_all_ended_is_not_receiving_until_one_runs_again()
    {
        var udpLoop = new TaskCompletionSource();
        var tcpLoop = new TaskCompletionSource();
        var owner = Akka.Actor.ActorRefs.Nobody;
        loops.Run(SipTransport.Udp, Udp, Forever(udpLoop), owner);
        loops.Run(SipTransport.Tcp, Tcp, Forever(tcpLoop), owner);
        Start();
        Assert.Equal("ok", HealthApi.SipCheck(edge));

        udpLoop.SetResult();
        await WaitUntilAsync(() => loops.Running(SipTransport.Udp, Udp) == 0);
        Assert.Equal("not receiving: udp 127.0.0.1:25060", HealthApi.SipCheck(edge));

        tcpLoop.SetException(new InvalidOperationException("test"));
        await WaitUntilAsync(() => loops.Running(SipTransport.Tcp, Tcp) == 0);
        Assert.Equal("not receiving: udp 127.0.0.1:25060, tcp 127.0.0.1:25061", HealthApi.SipCheck(edge));

        loops.Run(SipTransport.Udp, Udp, Forever(new TaskCompletionSource()), owner);
        Assert.Equal("not receiving: tcp 127.0.0.1:25061", HealthApi.SipCheck(edge));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }

    private sealed class Unsent : ITransportSender
    {
        public ValueTask SendAsync(Sip.Message.SipMessage message, SipDestination destination, CancellationToken ct = default) => ValueTask.CompletedTask;

        public ValueTask SendBytesAsync(byte[] bytes, SipDestination destination, CancellationToken ct = default) => ValueTask.CompletedTask;
    }
}
