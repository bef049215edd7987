using SimpleActors.Xcap.Errors;

namespace SimpleActors.Xcap.Operations;

/// <summary>
/// The answer to an XCAP request: status, headers and body for the HTTP layer, and the <see cref="Change"/> for the caller
/// to persist before it answers. Only a 200 or 201 ever carries a change.
/// </summary>
/// <param name="StatusCode">The HTTP status.</param>
public sealed record XcapResponse(int StatusCode)
{
    /// <summary>The Content-Type of <see cref="Body"/>, or null when there is no body.</summary>
    public string? ContentType { get; init; }

    /// <summary>The body (empty for HEAD, 304, 404, 405, 412, 413, 415).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The document's entity tag after the request (opaque, as the caller gave it), on every 2xx and 304.</summary>
    public string? ETag { get; init; }

    /// <summary>The Allow header value of a 405.</summary>
    public string? Allow { get; init; }

    /// <summary>What to persist.</summary>
    public XcapDocumentChange Change { get; init; } = XcapDocumentChange.None;

    /// <summary>For a 409, the conflict the body reports.</summary>
    public XcapError? Error { get; init; }

    /// <summary>A short reason, for the reason phrase and the log.</summary>
    public string? Reason { get; init; }

    /// <summary><see cref="ETag"/> as an HTTP header value: in double quotes.</summary>
    public string? ETagHeader => ETag is null ? null : EntityTags.Quote(ETag);
}
