using System.Net;

namespace SimpleActors.Sip.Transport;

/// <summary>
/// Where an outgoing message goes: a transport and an address, and the flow to reuse when there is one
/// (the connection a request came in on, or a registered client's connection). The edge that owns the
/// flow sends over it; without one, or if its owner is gone, any edge sends to the address.
/// </summary>
public sealed record SipDestination(SipTransport Transport, IPEndPoint EndPoint, SipFlow? Flow = null)
{
    /// <summary>Back over the flow a message arrived on.</summary>
    public static SipDestination Back(SipFlow flow) => new(flow.Transport, flow.Remote, flow);

    public override string ToString() => Flow is null ? $"{Transport.ViaName()} {EndPoint}" : $"{Transport.ViaName()} {EndPoint} via {Flow}";
}
