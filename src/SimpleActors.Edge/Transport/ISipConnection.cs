using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// A live connection (TCP, TLS, WebSocket) the edge can write SIP messages to. Disposing it closes
/// it cleanly (both directions shut down, then the socket closed); disposing twice is harmless.
/// </summary>
public interface ISipConnection : IAsyncDisposable
{
    long Id { get; }

    SipFlow Flow { get; }

    /// <summary>Writes one serialized message; messages written concurrently are not interleaved.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default);
}
