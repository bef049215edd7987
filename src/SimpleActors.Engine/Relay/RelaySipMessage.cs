using System.Net;
using SimpleActors.Engine.Serialization;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Engine.Relay;

/// <summary>
/// Asks the edge node that owns <paramref name="Flow"/> to send <paramref name="Message"/> over it (the same
/// UDP socket or TCP connection, needed for NAT and connection-oriented clients). The reply is a
/// <see cref="RelayResult"/>; without one the asking node sends to <paramref name="EndPoint"/> itself.
/// </summary>
public sealed record RelaySipMessage(byte[] Message, SipTransport Transport, IPEndPoint EndPoint, SipFlow Flow) : IEngineSerializable;
