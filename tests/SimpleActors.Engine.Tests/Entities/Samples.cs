using System.Net;
using SimpleActors.Engine.Registration;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Engine.Tests.Entities;

/// <summary>Sample values shared by the tests.</summary>
internal static class Samples
{
    public const string Aor = "sip:alice@example.com";

    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static readonly SipFlow UdpFlow = new(
        "akka.tcp://simpleactors@127.0.0.1:4053", SipTransport.Udp, new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5062), 0);

    public static readonly SipFlow TcpFlow = new(
        "akka.tcp://simpleactors@127.0.0.1:4054", SipTransport.Tcp, new IPEndPoint(IPAddress.IPv6Loopback, 5060), new IPEndPoint(IPAddress.Parse("2001:db8::7"), 40123), 42);

    public static RequestedContact Contact(string uri, int? expires = null, decimal? q = null, string? instance = null, int? regId = null) =>
        new(uri, expires, q, instance, regId);

    public static Register Register(
        string callId,
        uint cseq,
        params RequestedContact[] contacts) =>
        new(Aor, callId, cseq, contacts, false, null, [], UdpFlow, "alice", Now);
}
