using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>Sends a SIP message to a destination, over the destination's flow when it has one.</summary>
public interface ITransportSender
{
    ValueTask SendAsync(SipMessage message, SipDestination destination, CancellationToken ct = default);

    /// <summary>Sends a message already serialized (a relayed one, or one kept to be sent again).</summary>
    ValueTask SendBytesAsync(byte[] bytes, SipDestination destination, CancellationToken ct = default);

    /// <summary>
    /// Sends serialized bytes the caller keeps (a completed transaction's response in a shared block): the bytes are
    /// not used once the returned task completes. By default a copy goes to <see cref="SendBytesAsync(byte[], SipDestination, CancellationToken)"/>.
    /// </summary>
    ValueTask SendBytesAsync(ReadOnlyMemory<byte> bytes, SipDestination destination, CancellationToken ct = default) =>
        SendBytesAsync(bytes.ToArray(), destination, ct);
}
