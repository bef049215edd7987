using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Xcap;

/// <summary>The HTTP answer to an <see cref="XcapDocumentRequest"/>: status, body and the headers XCAP sets (RFC 4825 section 7).</summary>
public sealed record XcapDocumentAnswer(int Status, string? ContentType, byte[] Body, string? ETag, string? Allow) : IEngineSerializable;
