using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>Sends a SIP message to a destination, over the destination's flow when it has one.</summary>
public interface ITransportSender
{
    ValueTask SendAsync(SipMessage message, SipDestination destination, CancellationToken ct = default);
}
