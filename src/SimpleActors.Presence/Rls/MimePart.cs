namespace SimpleActors.Presence.Rls;

/// <summary>
/// One body part of a multipart/related body (RFC 2387): its Content-ID (without angle brackets), its Content-Type
/// header value and its bytes. Compared by value, the bytes included.
/// </summary>
/// <param name="ContentId">The Content-ID without angle brackets, e.g. <c>nXYxAE@pres.vancouver.example.com</c>; written as <c>&lt;id&gt;</c>.</param>
/// <param name="ContentType">The Content-Type header value, parameters included.</param>
/// <param name="Body">The part's bytes, written as they are (Content-Transfer-Encoding: binary).</param>
public sealed record MimePart(string ContentId, string ContentType, ReadOnlyMemory<byte> Body)
{
    public bool Equals(MimePart? other) =>
        ReferenceEquals(this, other)
        || (other is not null && ContentId == other.ContentId && ContentType == other.ContentType && Body.Span.SequenceEqual(other.Body.Span));

    public override int GetHashCode() => HashCode.Combine(ContentId, ContentType, Body.Length);
}
