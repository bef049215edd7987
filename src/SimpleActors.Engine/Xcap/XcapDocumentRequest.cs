namespace SimpleActors.Engine.Xcap;

/// <summary>
/// An HTTP request on the document (RFC 4825 section 7): GET, PUT or DELETE of the document or of a node in it. The
/// reply is an <see cref="XcapDocumentAnswer"/>, sent once a change is in the journal.
/// </summary>
/// <param name="Selector">The document selector (the entity id).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The request's path and query as sent, still percent-encoded (the XCAP root, the document and node selectors).</param>
/// <param name="ContentType">The Content-Type of the body, if any.</param>
/// <param name="Body">The request body (empty for GET and DELETE).</param>
/// <param name="IfMatch">The If-Match header, if any.</param>
/// <param name="IfNoneMatch">The If-None-Match header, if any.</param>
/// <param name="By">The authenticated user that asks (its SIP AOR).</param>
/// <param name="RootUri">The XCAP root's HTTP URI the request came to (its path is the root's; the ancestor of a no-parent error).</param>
public sealed record XcapDocumentRequest(
    string Selector, string Method, string Target, string? ContentType, byte[] Body, string? IfMatch, string? IfNoneMatch, string By, string RootUri)
    : IXcapDocumentMessage;
