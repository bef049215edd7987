namespace SimpleActors.Edge.Transport;

/// <summary>A socket actor's receive or accept loop ended: normally when <paramref name="Error"/> is null (the socket closed).</summary>
public sealed record ReceiveLoopEnded(Exception? Error);
