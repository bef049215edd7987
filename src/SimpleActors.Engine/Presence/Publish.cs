namespace SimpleActors.Engine.Presence;

/// <summary>
/// A PUBLISH of the presence event package for <see cref="Aor"/> (RFC 3903 section 6), its body already validated
/// by the edge. The reply is a <see cref="PublishResult"/>, sent once the change is in the journal.
/// </summary>
/// <param name="Aor">The presentity: the Request-URI as a canonical AOR.</param>
/// <param name="IfMatch">SIP-If-Match: the entity-tag of the publication to refresh, modify or remove; null for an initial PUBLISH.</param>
/// <param name="HeaderExpires">The Expires header field, if any.</param>
/// <param name="ContentType">The body's media type (<c>application/pidf+xml</c>); null without a body.</param>
/// <param name="Body">The document; null for a refresh or removal.</param>
/// <param name="NewETag">The entity-tag to issue if the request succeeds (chosen by the caller so the decision stays pure).</param>
/// <param name="CallId">The request's Call-ID.</param>
/// <param name="CSeq">The request's CSeq number.</param>
/// <param name="Identity">The authenticated identity, if any.</param>
/// <param name="At">When the edge received the request.</param>
public sealed record Publish(
    string Aor,
    string? IfMatch,
    int? HeaderExpires,
    string? ContentType,
    byte[]? Body,
    string NewETag,
    string CallId,
    uint CSeq,
    string? Identity,
    DateTimeOffset At) : IPresentityMessage;
