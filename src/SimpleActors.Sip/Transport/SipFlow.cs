using System.Net;

namespace SimpleActors.Sip.Transport;

/// <summary>
/// The path a message came in on and a reply or later request must go out on (RFC 5626 section 3's
/// flow, as far as connection reuse): which edge node owns the socket, the transport, the local and
/// remote endpoints, and the connection (0 for UDP). The edge stamps it on every message it hands in;
/// entities store it with a binding or dialog and give it back on every message they send.
/// </summary>
/// <param name="Node">The owning edge node's cluster address (e.g. <c>akka.tcp://simpleactors@127.0.0.1:4053</c>).</param>
/// <param name="Transport">UDP, TCP, ...</param>
/// <param name="Local">The local endpoint of the socket.</param>
/// <param name="Remote">The peer's endpoint (source address and port of what it sent).</param>
/// <param name="ConnectionId">The connection on the owning node; 0 for UDP.</param>
public sealed record SipFlow(string Node, SipTransport Transport, IPEndPoint Local, IPEndPoint Remote, long ConnectionId)
{
    public override string ToString() => $"{Transport.ViaName()} {Local}->{Remote}#{ConnectionId}@{Node}";
}
