using SimpleActors.Msrp.Message;

namespace SimpleActors.Msrp.Chunking;

/// <summary>
/// How a chunk in progress ends (RFC 4975 section 7.1.1): the flag its end-line carries, how many of its body bytes
/// went out, and where the message's next chunk starts; null when no chunk follows (the message is complete or aborted).
/// </summary>
public readonly record struct MsrpChunkEnd(MsrpContinuation Flag, int Written, long? NextStart);
