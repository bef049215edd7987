namespace SimpleActors.Xcap.Operations;

/// <summary>
/// One HTTP request on an XCAP resource, as <see cref="XcapOperation.Execute"/> needs it: the method, the parsed URI, and
/// the raw values of the headers that matter.
/// </summary>
/// <param name="Method">The HTTP method, e.g. <c>GET</c> (methods are case-sensitive).</param>
/// <param name="Uri">The parsed request URI.</param>
public sealed record XcapRequest(string Method, XcapUri Uri)
{
    /// <summary>The Content-Type header value (parameters allowed), or null.</summary>
    public string? ContentType { get; init; }

    /// <summary>The body as received.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The raw If-Match header value: <c>*</c> or a list of entity tags, quoted or not, or null.</summary>
    public string? IfMatch { get; init; }

    /// <summary>The raw If-None-Match header value: <c>*</c> or a list of entity tags, quoted or not, or null.</summary>
    public string? IfNoneMatch { get; init; }

    /// <summary>
    /// The XCAP root as an absolute HTTP URI, e.g. <c>https://xcap.example.com/xcap-root</c>: the base of the
    /// <c>&lt;ancestor&gt;</c> URI of a no-parent conflict.
    /// </summary>
    public string XcapRootUrl { get; init; } = string.Empty;
}
