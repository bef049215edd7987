namespace SimpleActors.Engine.Xcap;

/// <summary>
/// The document changed: who asked (<paramref name="By"/>), when, and the request (method, target, content type and body),
/// with the document as it is after it (null: deleted) and its new entity tag. A document's journal is its versions, so
/// <c>simpleactors history</c> replays them.
/// </summary>
/// <param name="Document">The whole document after the change, as stored (null when it was deleted).</param>
/// <param name="ETag">Its entity tag (RFC 4825 section 7.11; null when deleted).</param>
public sealed record XcapDocumentEdited(
    string Selector, string Method, string Target, string? ContentType, byte[] RequestBody, byte[]? Document, string? ETag, string By, DateTimeOffset At)
    : IXcapDocumentEvent;
