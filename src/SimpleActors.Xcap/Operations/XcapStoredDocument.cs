namespace SimpleActors.Xcap.Operations;

/// <summary>A document as the caller stores it: the bytes exactly as last written, and its entity tag.</summary>
/// <param name="Content">The document's bytes.</param>
/// <param name="ETag">Its entity tag, opaque (with or without quotes: they are ignored when comparing).</param>
public sealed record XcapStoredDocument(ReadOnlyMemory<byte> Content, string ETag);
