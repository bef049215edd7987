using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SimpleActors.Edge.Transactions;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Tests.Transactions;

/// <summary>Messages, flows and a layer on a fake clock for the transaction layer tests.</summary>
internal static class TransactionMessages
{
    public static readonly SipFlow TcpFlow = new(
        "akka.tcp://simpleactors@127.0.0.1:4053", SipTransport.Tcp, IPEndPoint.Parse("127.0.0.1:5060"), IPEndPoint.Parse("192.0.2.7:40001"), 17);

    public static readonly SipDestination UdpPeer = new(SipTransport.Udp, IPEndPoint.Parse("192.0.2.20:5060"));

    public static readonly SipDestination TcpPeer = new(SipTransport.Tcp, IPEndPoint.Parse("192.0.2.20:5060"));

    public static (TransactionLayer Layer, RecordingTransportSender Sender, FakeTimeProvider Time) NewLayer()
    {
        var time = new FakeTimeProvider();
        var sender = new RecordingTransportSender(time);
        return (new TransactionLayer(sender, TransactionTimers.Default, time, NullLogger<TransactionLayer>.Instance), sender, time);
    }

    /// <summary>A request from a peer (RFC 3261 Via, To without tag).</summary>
    public static SipRequest Incoming(string method = SipMethod.Message, string branch = "z9hG4bKin1", string? toTag = null, string sentBy = "192.0.2.7:5070", uint cseq = 1, string callId = "call-1@192.0.2.7")
        => TestRequests.Parse(
            $"{method} sip:bob@example.com SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {sentBy};branch={branch}\r\n" +
            "Max-Forwards: 70\r\n" +
            (toTag is null ? "To: <sip:bob@example.com>\r\n" : $"To: <sip:bob@example.com>;tag={toTag}\r\n") +
            "From: <sip:alice@example.com>;tag=a1\r\n" +
            $"Call-ID: {callId}\r\nCSeq: {cseq} {method}\r\n" +
            "Content-Length: 0\r\n\r\n");

    /// <summary>A request this server sends, with our top Via and a fresh branch.</summary>
    public static SipRequest Outgoing(string method = SipMethod.Notify, string? callId = null, string? toTag = "w1")
    {
        var headers = new HeaderCollection();
        headers.Add(KnownHeader.Via, new ViaHeader("UDP", "198.51.100.1", 5060).WithBranch(BranchId.New()).ToString());
        headers.Add(KnownHeader.MaxForwards, "70");
        headers.Add(KnownHeader.To, toTag is null ? "<sip:alice@example.com>" : $"<sip:alice@example.com>;tag={toTag}");
        headers.Add(KnownHeader.From, "<sip:bob@example.com>;tag=p1");
        headers.Add(KnownHeader.CallId, callId ?? "notify-1@198.51.100.1");
        headers.Add(KnownHeader.CSeq, $"1 {method}");
        return new SipRequest(method, "sip:alice@192.0.2.20", headers);
    }

    /// <summary>The peer's answer to a request we sent.</summary>
    public static SipResponse Answer(SipRequest request, int status) => SipResponse.CreateFor(request, status, toTag: "peer");

    /// <summary>
    /// Advances the fake clock in 100 ms steps: FakeTimeProvider runs a due timer once per Advance, at the end
    /// time, so a timer re-armed from its callback needs later steps to fire again on time.
    /// </summary>
    public static void Step(this FakeTimeProvider time, TimeSpan span)
    {
        var step = TimeSpan.FromMilliseconds(100);
        for (var left = span; left > TimeSpan.Zero; left -= step)
        {
            time.Advance(left < step ? left : step);
        }
    }

    /// <summary>An IProgress that reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    public sealed class Recorder<T> : IProgress<T>
    {
        public List<T> Items { get; } = [];

        public void Report(T value)
        {
            lock (Items)
            {
                Items.Add(value);
            }
        }
    }
}
