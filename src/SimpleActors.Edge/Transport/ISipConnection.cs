using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>A live stream connection (TCP now, TLS and WebSocket later) the edge can write SIP messages to.</summary>
public interface ISipConnection
{
    long Id { get; }

    SipFlow Flow { get; }

    /// <summary>Writes one serialized message; messages written concurrently are not interleaved.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default);
}
