using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Relay;

/// <summary>
/// A response that arrived at one edge node (over a connection it owns) for a request another node sent:
/// handed to that node, whose transaction layer waits for it. Fire and forget: a lost one is a retransmission
/// or a timeout away from the same outcome.
/// </summary>
public sealed record RelaySipResponse(byte[] Message) : IEngineSerializable;
